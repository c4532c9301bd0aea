/**
 * Builders for ingestion decider tests: OCPP TransactionEvent payloads as a gateway sends
 * them and the command wrapping one, with a station of one 22 kW connector.
 */
import { v5 as uuidv5 } from 'uuid';
import type { TokenAuthorization } from '@chargeledger/contracts';
import type { DecidedEvent, IngestTransactionEvent } from '../session/session.command';
import { decideSession } from '../session/session.decider';
import { evolveSession, sessionInitialState, type SessionState } from '../session/session.state';

export const OPERATOR = 'op-1';
export const STATION = 'CS-001';
export const TX = 'tx-42';
const NS = '6f1c2b9e-3d4a-4e5f-8a6b-7c8d9e0f1a2b';

export interface Reading {
  readonly at: string;
  readonly kWh: number;
}

export function payload(
  eventType: 'Started' | 'Updated' | 'Ended',
  seqNo: number,
  at: string,
  readings: readonly Reading[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventType,
    timestamp: at,
    triggerReason: eventType === 'Started' ? 'Authorized' : 'MeterValuePeriodic',
    seqNo,
    transactionInfo: { transactionId: TX },
    ...(eventType === 'Started' ? { evse: { id: 1, connectorId: 1 } } : {}),
    ...(readings.length === 0
      ? {}
      : {
          meterValue: readings.map((r) => ({
            timestamp: r.at,
            sampledValue: [{ value: r.kWh, unitOfMeasure: { unit: 'kWh' } }],
          })),
        }),
    ...extra,
  };
}

let sequence = 0;

export function ingest(
  body: unknown,
  receivedAt = '2026-03-01T12:00:00Z',
  messageKey = `m${++sequence}`,
  facts: Pick<Partial<IngestTransactionEvent>, 'seqNoSource' | 'tokenAuthorization'> = {},
): IngestTransactionEvent {
  return {
    type: 'IngestTransactionEvent',
    operatorId: OPERATOR,
    stationId: STATION,
    raw: { messageId: uuidv5(messageKey, NS), streamSequence: sequence + 1, receivedAt },
    payload: body,
    connectors: [{ evseId: 1, connectorId: 1, maxPowerW: '22000' }],
    policy: {
      clockSkewToleranceMs: 5 * 60_000,
      offlineBacklogMaxMs: 7 * 24 * 3_600_000,
      powerToleranceFactor: '1.1',
    },
    seqNoSource: facts.seqNoSource ?? 'station',
    tokenAuthorization: facts.tokenAuthorization,
  };
}

type CommandFacts = Parameters<typeof ingest>[3];

/** Feeds payloads through decide → evolve as the command handler would; all events, last state. */
export function decideAll(
  payloads: readonly unknown[],
  facts?: CommandFacts,
  given = sessionInitialState,
) {
  let state: SessionState = given;
  const events: DecidedEvent[] = [];
  for (const body of payloads) {
    const decided = decideSession(ingest(body, undefined, undefined, facts), state);
    events.push(...decided);
    state = decided.reduce(evolveSession, state);
  }
  return { state, events };
}

export const ACCEPTED: TokenAuthorization = { status: 'ACCEPTED', reason: 'REGISTRY.TOKEN_VALID' };

/** Minutes after 10:00 on the test day, as an OCPP timestamp. */
export function t(minutes: number): string {
  return new Date(Date.parse('2026-03-01T10:00:00Z') + minutes * 60_000).toISOString();
}
