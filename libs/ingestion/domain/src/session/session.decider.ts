/**
 * The session decider: one OCPP TransactionEvent in, the facts it establishes out. Accepted
 * messages become SessionStarted / MeterValuesRecorded / SessionEnded, with the follow-up
 * facts of `session-follow-up` (charging state, seqNo gaps), a SessionTokenPresented for
 * the first token of a session started without one, and a review flag for a refused token
 * (at the start, or presented later); anything else becomes a RawEventRejected with a
 * stable reason code, and flags a known session for review. A
 * message resent with the same transaction, seqNo and content decides nothing (idempotent);
 * the same seqNo with other content is a conflict and the original stands. Pure: the
 * receive time, station facts and policy arrive as data; ids derive from the raw message id.
 */
import { sessionIdOf } from '@chargeledger/contracts';
import type { DecidedEvent, IngestTransactionEvent } from './session.command';
import { recorded, rejected, transactionIdOf, withIds } from './session-outcome';
import { z } from 'zod';
import { normaliseMeterValues, toUtc, type MeterSample } from '../ocpp/meter-sample.normalise';
import { transactionEventSchema, type TransactionEvent } from '../ocpp/transaction-event.schema';
import { readCommonTransactionEvent } from '../ocpp/transaction-event.fast-read';
import { assertNever } from '../shared/assert-never';
import { rejection, type Rejection } from './ingestion-rejection';
import { followUpFacts } from './session-follow-up';
import { checkRegisters, checkTimestamps } from './session-plausibility';
import { laterTokenFacts, startTokenFacts } from './session-token';
import {
  evolveSession,
  inBillingOrder,
  lastRegisterWh,
  sessionInitialState,
  type SessionEvent,
  type SessionState,
} from './session.state';

type Known = Exclude<SessionState, { status: 'unknown' }>;
type Outcome = readonly SessionEvent[] | Rejection;

/**
 * Reads the transaction a raw payload names, so the caller can load that session's state:
 * the common shape by hand, anything else by the schema (the same answer either way).
 */
export function readTransactionEvent(payload: unknown): z.ZodSafeParseResult<TransactionEvent> {
  const common = readCommonTransactionEvent(payload);
  if (common !== undefined) return { success: true, data: common };
  return transactionEventSchema.safeParse(payload);
}

export function decideSession(
  command: IngestTransactionEvent,
  state: SessionState,
): DecidedEvent[] {
  const parsed = readTransactionEvent(command.payload);
  if (!parsed.success) {
    const detail = z.prettifyError(parsed.error);
    return withIds(command, [
      rejected(command, state, undefined, rejection('INGESTION.SCHEMA_VIOLATION', detail)),
    ]);
  }
  return decideTransactionEvent(command, state, parsed.data);
}

/** The decider for a message already validated as a TransactionEvent (batch path). */
export function decideTransactionEvent(
  command: IngestTransactionEvent,
  state: SessionState,
  message: TransactionEvent,
  sessionId = sessionIdOf(command.operatorId, command.stationId, transactionIdOf(message)),
): DecidedEvent[] {
  const outcome = decideMessage(command, state, message, sessionId);
  if ('code' in outcome) return withIds(command, [rejected(command, state, message, outcome)]);
  const laterToken = laterTokenFacts(command, state, message);
  const decided = withIds(command, [
    ...outcome,
    ...(laterToken?.flag === undefined ? [] : [laterToken.flag]),
    ...followUpFacts(command, state, sessionId, message, outcome),
  ]);
  // The token goes first, with an id of its own: a message that presents it and ends the
  // session gives the token before the end, which is what rating bills at; the other
  // facts keep the ids they had before the token had a fact.
  return laterToken === undefined
    ? decided
    : [...withIds(command, [laterToken.presented]), ...decided];
}

function decideMessage(
  command: IngestTransactionEvent,
  state: SessionState,
  message: TransactionEvent,
  sessionId: string,
): Outcome {
  if (state.status !== 'unknown' && state.start.sessionId !== sessionId)
    throw new Error(`state of session ${state.start.sessionId} given for ${sessionId}`);
  const normalised = normaliseMeterValues(message.meterValue ?? [], message.seqNo);
  if (!normalised.ok) {
    const code =
      normalised.reason === 'unit'
        ? 'INGESTION.SCHEMA_VIOLATION'
        : 'INGESTION.METER_REGISTER_NEGATIVE';
    return rejection(code, normalised.detail);
  }
  const samples = inBillingOrder(normalised.samples);
  if (state.status === 'unknown') {
    if (message.eventType !== 'Started')
      return rejection('INGESTION.UNKNOWN_TRANSACTION', `${message.eventType} before Started`);
    return start(command, message, sessionId, samples);
  }
  const repeated = compareWithRecorded(state, message.seqNo, samples);
  if (repeated !== 'new') return repeated;
  switch (message.eventType) {
    case 'Started':
      return rejection(
        'INGESTION.DUPLICATE_CONFLICT',
        `transaction already started with other data`,
      );
    case 'Updated':
      return record(command, state, message, samples);
    case 'Ended':
      return state.status === 'ended'
        ? endAgain(state, message, samples)
        : end(command, state, message, samples);
    default:
      return assertNever(message.eventType);
  }
}

function start(
  command: IngestTransactionEvent,
  message: TransactionEvent,
  sessionId: string,
  samples: readonly MeterSample[],
): Outcome {
  const evseId = message.evse?.id;
  if (evseId === undefined)
    return rejection('INGESTION.SCHEMA_VIOLATION', 'a Started message must name its evse');
  const onEvse = command.connectors.filter((c) => c.evseId === evseId);
  const connectorId =
    message.evse?.connectorId ?? (onEvse.length === 1 ? onEvse[0]?.connectorId : undefined);
  const connector = onEvse.find((c) => c.connectorId === connectorId);
  if (connector === undefined)
    return rejection(
      'INGESTION.UNKNOWN_CONNECTOR',
      `evse ${evseId} connector ${String(connectorId)}`,
    );
  const first = samples.find((s) => s.energyRegisterWh !== undefined);
  if (first?.energyRegisterWh === undefined)
    return rejection('INGESTION.METER_START_MISSING', 'no Energy.Active.Import.Register sample');
  const messageAt = toUtc(message.timestamp);
  // the window opens at the earlier of the message time and the start reading
  const startedAt =
    Date.parse(first.sampledAt) < Date.parse(messageAt) ? first.sampledAt : messageAt;
  const { receivedAt } = command.raw;
  const refused =
    checkTimestamps(
      [messageAt, ...samples.map((s) => s.sampledAt)],
      receivedAt,
      command.policy,
      {},
    ) ??
    checkRegisters(
      [],
      samples,
      {
        start: { at: startedAt, energyWh: first.energyRegisterWh },
        maxPowerW: connector.maxPowerW,
      },
      command.policy,
    );
  if (refused !== undefined) return refused;
  const token = startTokenFacts(command, sessionId, message.idToken);
  const started: SessionEvent = {
    type: 'SessionStarted',
    data: {
      sessionId,
      stationId: command.stationId,
      evseId,
      connectorId: connector.connectorId,
      transactionId: message.transactionInfo.transactionId,
      ...(token === undefined ? {} : { tokenRef: token.tokenRef }),
      startedAt,
      meterStartWh: first.energyRegisterWh,
    },
  };
  const flag = token?.flag === undefined ? [] : [token.flag];
  return [started, recorded(sessionId, samples), ...flag];
}

function record(
  command: IngestTransactionEvent,
  state: Known,
  message: TransactionEvent,
  samples: readonly MeterSample[],
): Outcome {
  const refused = checkPlausible(command, state, message, samples);
  if (refused !== undefined) return refused;
  return samples.length === 0 ? [] : [recorded(state.start.sessionId, samples)];
}

function end(
  command: IngestTransactionEvent,
  state: Known,
  message: TransactionEvent,
  samples: readonly MeterSample[],
): Outcome {
  const refused = checkPlausible(command, state, message, samples);
  if (refused !== undefined) return refused;
  const ended: SessionEvent = { type: 'SessionEnded', data: endOf(state, message, samples) };
  return samples.length === 0 ? [ended] : [recorded(state.start.sessionId, samples), ended];
}

/** An Ended for an ended session: the same end again is a no-op, another end is refused. */
function endAgain(
  state: Extract<SessionState, { status: 'ended' }>,
  message: TransactionEvent,
  samples: readonly MeterSample[],
): Outcome {
  const again = endOf(state, message, samples);
  const same = again.endedAt === state.end.endedAt && again.meterStopWh === state.end.meterStopWh;
  if (same) return [];
  return rejection('INGESTION.SESSION_ALREADY_ENDED', `ended at ${state.end.endedAt} already`);
}

function endOf(state: Known, message: TransactionEvent, samples: readonly MeterSample[]) {
  const messageAt = toUtc(message.timestamp);
  const last = samples.at(-1)?.sampledAt;
  const endedAt = last !== undefined && Date.parse(last) > Date.parse(messageAt) ? last : messageAt;
  return {
    sessionId: state.start.sessionId,
    endedAt,
    meterStopWh: lastRegisterWh(inBillingOrder([...state.samples, ...samples]), state.start),
    // OCPP 2.0.1 lets a station omit the reason only when it is "Local"
    stoppedReason: message.transactionInfo.stoppedReason ?? 'Local',
  };
}

function checkPlausible(
  command: IngestTransactionEvent,
  state: Known,
  message: TransactionEvent,
  samples: readonly MeterSample[],
): Rejection | undefined {
  const { start } = state;
  const end = state.status === 'ended' ? state.end : undefined;
  const times = [toUtc(message.timestamp), ...samples.map((s) => s.sampledAt)];
  const window =
    end === undefined ? { from: start.startedAt } : { from: start.startedAt, to: end.endedAt };
  const connector = command.connectors.find(
    (c) => c.evseId === start.evseId && c.connectorId === start.connectorId,
  );
  if (connector === undefined)
    return rejection('INGESTION.UNKNOWN_CONNECTOR', `connector ${start.connectorId} is gone`);
  const bounds = {
    start: { at: start.startedAt, energyWh: start.meterStartWh },
    ...(end === undefined ? {} : { end: { at: end.endedAt, energyWh: end.meterStopWh } }),
    maxPowerW: connector.maxPowerW,
  };
  return (
    checkTimestamps(times, command.raw.receivedAt, command.policy, window) ??
    checkRegisters(state.samples, samples, bounds, command.policy)
  );
}

/** 'new' when no accepted message had this seqNo; [] for an identical resend. */
function compareWithRecorded(
  state: Known,
  seqNo: number,
  samples: readonly MeterSample[],
): 'new' | readonly [] | Rejection {
  const before = state.samples.filter((s) => s.seqNo === seqNo);
  if (before.length === 0) return 'new';
  if (JSON.stringify(before) === JSON.stringify(samples)) return [];
  return rejection('INGESTION.DUPLICATE_CONFLICT', `seqNo ${seqNo} was accepted with other values`);
}

/** The decider in emmett's shape, for given/when/then tests and the command handler. */
export const sessionDecider = {
  initialState: sessionInitialState,
  evolve: evolveSession,
  decide: decideSession,
} as const;
