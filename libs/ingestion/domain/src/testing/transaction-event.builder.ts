/**
 * Builders for ingestion decider tests: OCPP TransactionEvent payloads as a gateway sends
 * them and the command wrapping one, with a station of one 22 kW connector.
 */
import { v5 as uuidv5 } from 'uuid';
import type { IngestTransactionEvent } from '../session/session.command';

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
  };
}

/** Minutes after 10:00 on the test day, as an OCPP timestamp. */
export function t(minutes: number): string {
  return new Date(Date.parse('2026-03-01T10:00:00Z') + minutes * 60_000).toISOString();
}
