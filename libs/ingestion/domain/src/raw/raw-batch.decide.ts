/**
 * Decides a batch of raw messages in stream order: each readable message goes through the
 * session decider against its session's state as folded so far (so two messages of one
 * session in one batch see each other), each unreadable one becomes a RawEventRejected.
 * Pure: station facts, session states and policy are given; the caller publishes the
 * events, then stores the returned states with their new versions.
 */
import {
  derivedEventId,
  RawEventRejectedV1,
  StationStatusChangedV1,
  type EventData,
} from '@chargeledger/contracts';
import type { Rejection } from '../session/ingestion-rejection';
import type { ConnectorFacts, DecidedEvent } from '../session/session.command';
import { decideSession } from '../session/session.decider';
import type { PlausibilityPolicy } from '../session/session-plausibility';
import { evolveSession, sessionInitialState, type SessionState } from '../session/session.state';
import { rejection } from '../session/ingestion-rejection';
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
  readonly policy: PlausibilityPolicy;
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
    const events = decideSession(
      {
        type: 'IngestTransactionEvent',
        operatorId: raw.operatorId,
        stationId: station.stationId,
        raw: {
          messageId: raw.rawMessageId,
          streamSequence: raw.streamSequence,
          receivedAt: raw.receivedAt,
        },
        payload: reading.payload,
        connectors: station.connectors,
        policy: facts.policy,
      },
      before,
    );
    const after = events.reduce(evolveSession, before);
    if (after !== before) sessions.set(reading.sessionId, after);
    return { raw, events };
  });
  return { decisions, sessions };
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
