/**
 * Decides a batch of raw messages in stream order: each readable message goes through the
 * session decider against its session's state as folded so far (so two messages of one
 * session in one batch see each other), each unreadable one becomes a RawEventRejected.
 * Pure: station facts, session states, token decisions and policy are given (the caller
 * asks `tokensToJudge` which decisions it needs); the caller publishes the events, then
 * stores the returned states with their new versions.
 */
import {
  derivedEventId,
  RawEventRejectedV1,
  StationStatusChangedV1,
  type EventData,
  type GatewayMessageKind,
  type TokenAuthorization,
} from '@chargeledger/contracts';
import type { Rejection } from '../session/ingestion-rejection';
import type {
  ConnectorFacts,
  DecidedEvent,
  IngestTransactionEvent,
} from '../session/session.command';
import { decideTransactionEvent } from '../session/session.decider';
import type { PlausibilityPolicy } from '../session/session-plausibility';
import { evolveSession, sessionInitialState, type SessionState } from '../session/session.state';
import { rejection } from '../session/ingestion-rejection';
import { presentedTokenOf } from '../session/session-token';
import { assertNever } from '../shared/assert-never';
import type { RawInput, RawReading } from './raw-message.read';

export interface StationConnectors {
  /** The station id as registered. */
  readonly stationId: string;
  readonly connectors: readonly ConnectorFacts[];
}

export interface RawBatchFacts {
  station(operatorId: string, stationId: string): StationConnectors | undefined;
  /** The session's state before this batch, or undefined when it has none yet. */
  session(sessionId: string): SessionState | undefined;
  /** The registry's decision on a token presented at `at`, for each of `tokensToJudge`. */
  tokenDecision(operatorId: string, uid: string, at: string): TokenAuthorization;
  readonly policy: PlausibilityPolicy;
}

export interface TokenToJudge {
  readonly operatorId: string;
  readonly uid: string;
  /** When the message presented it (UTC): expiry is judged then. */
  readonly at: string;
}

/**
 * The distinct tokens the batch's transaction messages present, for the caller to judge
 * first: a Started's, and one a later message presents to a session started without one.
 */
export function tokensToJudge(readings: readonly RawReading[]): TokenToJudge[] {
  const tokens = new Map<string, TokenToJudge>();
  for (const reading of readings) {
    if (reading.reading !== 'transaction-event') continue;
    const token = presentedTokenOf(reading.message);
    if (token === undefined) continue;
    const { operatorId } = reading.raw;
    tokens.set(JSON.stringify([operatorId, token.uid, token.at]), { operatorId, ...token });
  }
  return [...tokens.values()];
}

/** A station's status report: no session state, one fact on the station's subject. */
export interface StationStatusDecided {
  readonly id: string;
  readonly type: 'StationStatusChanged';
  readonly data: EventData<typeof StationStatusChangedV1>;
}

export type RawFact = DecidedEvent | StationStatusDecided;

export interface RawDecision {
  readonly raw: RawInput;
  readonly events: readonly RawFact[];
}

export interface RawBatchDecision {
  readonly decisions: readonly RawDecision[];
  /** States of the sessions this batch changed, after all its events. */
  readonly sessions: ReadonlyMap<string, SessionState>;
}

export function decideRawBatch(
  readings: readonly RawReading[],
  facts: RawBatchFacts,
): RawBatchDecision {
  const sessions = new Map<string, SessionState>();
  const decisions = readings.map((reading): RawDecision => {
    const { raw } = reading;
    if (reading.reading === 'refused') return { raw, events: [refuse(raw, reading.refusal)] };
    const station = facts.station(raw.operatorId, raw.stationId);
    if (station === undefined) {
      const unknown = rejection('INGESTION.UNKNOWN_STATION', `station "${raw.stationId}"`);
      return { raw, events: [refuse(raw, unknown)] };
    }
    if (reading.reading === 'station-status') {
      const statusChanged: StationStatusDecided = {
        id: derivedEventId(raw.rawMessageId, StationStatusChangedV1.type, 0),
        type: 'StationStatusChanged',
        data: { stationId: station.stationId, ...reading.status },
      };
      return { raw, events: [statusChanged] };
    }
    const before =
      sessions.get(reading.sessionId) ?? facts.session(reading.sessionId) ?? sessionInitialState;
    const token = presentedTokenOf(reading.message);
    const command: IngestTransactionEvent = {
      type: 'IngestTransactionEvent',
      operatorId: raw.operatorId,
      stationId: station.stationId,
      raw: {
        messageId: raw.rawMessageId,
        streamSequence: raw.streamSequence,
        receivedAt: raw.receivedAt,
      },
      payload: reading.message,
      connectors: station.connectors,
      policy: facts.policy,
      seqNoSource: seqNoSourceOf(raw.kind),
      tokenAuthorization:
        token === undefined ? undefined : facts.tokenDecision(raw.operatorId, token.uid, token.at),
    };
    const events = decideTransactionEvent(command, before, reading.message, reading.sessionId);
    const after = events.reduce(evolveSession, before);
    if (after !== before) sessions.set(reading.sessionId, after);
    return { raw, events };
  });
  return { decisions, sessions };
}

/** Only OCPP 2.0.1 stations number their messages; 1.6 seqNos are stream sequences. */
function seqNoSourceOf(kind: GatewayMessageKind | undefined): 'station' | 'stream' {
  switch (kind) {
    case 'transaction-event':
      return 'station';
    case 'ocpp16-start-transaction':
    case 'ocpp16-meter-values':
    case 'ocpp16-stop-transaction':
      return 'stream';
    case 'status-notification':
    case 'ocpp16-status-notification':
    case undefined:
      throw new Error(`no transaction message: ${String(kind)}`);
    default:
      return assertNever(kind);
  }
}

/** A message refused before any session could be named: its rejection, nothing else. */
function refuse(raw: RawInput, refusal: Rejection): DecidedEvent {
  return {
    id: derivedEventId(raw.rawMessageId, RawEventRejectedV1.type, 0),
    type: 'RawEventRejected',
    data: {
      rawEventId: raw.rawMessageId,
      rawStreamSequence: raw.streamSequence,
      stationId: raw.stationId,
      reasonCode: refusal.code,
      detail: refusal.detail.slice(0, 1000),
      receivedAt: raw.receivedAt,
      sessionNeedsReview: false,
    },
  };
}
