/**
 * Publishes a batch's decided events to EVT_INGESTION. Events of one session go to its
 * subject in order, expecting the stored version (a replica that moved the session first
 * surfaces as a ConcurrencyError); sessions and rejections are published concurrently, a
 * bounded number at a time. Ids are derived from the raw message, so re-running a batch
 * that crashed before its commit republishes the same ids and JetStream dedupes them.
 */
import {
  ChargingStateChangedV1,
  createEnvelope,
  MeterValuesRecordedV1,
  RawEventRejectedV1,
  SessionEndedV1,
  SessionFlaggedForReviewV1,
  SessionMarkedCompleteV1,
  SessionMarkedIncompleteV1,
  SessionSeqNoReceivedV1,
  SessionStartedV1,
  SessionTokenPresentedV1,
  StationStatusChangedV1,
  Subjects,
  type EventEnvelope,
} from '@chargeledger/contracts';
import type { RawDecision, RawFact } from '@chargeledger/ingestion/domain';
import type { EventAppender } from '@chargeledger/platform/eventstore';

export interface PublishedVersions {
  /** Last subject sequence per session that received events. */
  readonly sessionVersions: ReadonlyMap<string, number>;
  readonly eventCount: number;
}

interface SubjectAppend {
  readonly sessionId: string | undefined;
  readonly envelopes: EventEnvelope[];
}

function envelopeOf(
  event: RawFact,
  subject: string,
  operatorId: string,
  causationId: string,
  time: string,
) {
  const common = {
    id: event.id,
    subject,
    operatorId,
    time,
    correlationId: causationId,
    causationId,
  };
  switch (event.type) {
    case 'SessionStarted':
      return createEnvelope(SessionStartedV1, { ...common, data: event.data });
    case 'MeterValuesRecorded':
      return createEnvelope(MeterValuesRecordedV1, { ...common, data: event.data });
    case 'SessionEnded':
      return createEnvelope(SessionEndedV1, { ...common, data: event.data });
    case 'RawEventRejected':
      return createEnvelope(RawEventRejectedV1, { ...common, data: event.data });
    case 'StationStatusChanged':
      return createEnvelope(StationStatusChangedV1, { ...common, data: event.data });
    case 'ChargingStateChanged':
      return createEnvelope(ChargingStateChangedV1, { ...common, data: event.data });
    case 'SessionSeqNoReceived':
      return createEnvelope(SessionSeqNoReceivedV1, { ...common, data: event.data });
    case 'SessionMarkedIncomplete':
      return createEnvelope(SessionMarkedIncompleteV1, { ...common, data: event.data });
    case 'SessionMarkedComplete':
      return createEnvelope(SessionMarkedCompleteV1, { ...common, data: event.data });
    case 'SessionFlaggedForReview':
      return createEnvelope(SessionFlaggedForReviewV1, { ...common, data: event.data });
    case 'SessionTokenPresented':
      return createEnvelope(SessionTokenPresentedV1, { ...common, data: event.data });
  }
}

/**
 * Where a fact goes: a session's facts to the session (ordered, versioned); a rejection
 * to its own subject; a status report to the station's subject.
 */
function aggregateOf(event: RawFact): { aggregate: string; id: string } {
  switch (event.type) {
    case 'RawEventRejected':
      return { aggregate: 'rejection', id: event.data.rawEventId };
    case 'StationStatusChanged':
      return { aggregate: 'station', id: event.data.stationId };
    case 'SessionStarted':
    case 'MeterValuesRecorded':
    case 'SessionEnded':
    case 'ChargingStateChanged':
    case 'SessionSeqNoReceived':
    case 'SessionMarkedIncomplete':
    case 'SessionMarkedComplete':
    case 'SessionFlaggedForReview':
    case 'SessionTokenPresented':
      return { aggregate: 'session', id: event.data.sessionId };
  }
}

/** Groups a batch's events by target subject, keeping each subject's order. */
export function subjectAppendsOf(
  decisions: readonly RawDecision[],
  subjects: Subjects,
): SubjectAppend[] {
  const bySubject = new Map<string, SubjectAppend>();
  for (const { raw, events } of decisions) {
    for (const event of events) {
      const { aggregate, id } = aggregateOf(event);
      const subject = subjects.event({
        context: 'ingestion',
        operatorId: raw.operatorId,
        aggregate,
        id,
      });
      let append = bySubject.get(subject);
      if (append === undefined) {
        append = { sessionId: aggregate === 'session' ? id : undefined, envelopes: [] };
        bySubject.set(subject, append);
      }
      append.envelopes.push(
        envelopeOf(event, subject, raw.operatorId, raw.rawMessageId, raw.receivedAt),
      );
    }
  }
  return [...bySubject.values()];
}

export async function publishDecisions(
  appender: EventAppender,
  appends: readonly SubjectAppend[],
  versionOf: (sessionId: string) => number,
  concurrencyMax: number,
): Promise<PublishedVersions> {
  const sessionVersions = new Map<string, number>();
  let next = 0;
  let eventCount = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < appends.length; index = next++) {
      const append = appends[index];
      if (append === undefined) continue;
      eventCount += append.envelopes.length;
      if (append.sessionId === undefined) {
        await appender.append(append.envelopes);
        continue;
      }
      const results = await appender.appendToAggregate(
        append.envelopes,
        versionOf(append.sessionId),
      );
      const last = results.at(-1);
      if (last !== undefined) sessionVersions.set(append.sessionId, last.sequence);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrencyMax, appends.length) }, worker));
  return { sessionVersions, eventCount };
}
