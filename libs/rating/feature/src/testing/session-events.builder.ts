/**
 * The events ingestion records for one session, as rating consumes them: SessionStarted
 * (with a token, or without one and a SessionTokenPresented later), MeterValuesRecorded in
 * chunks (optionally published newest first, as a flushing station may),
 * ChargingStateChanged, and SessionEnded. Ids are derived from
 * the session, so building twice gives the same events.
 */
import {
  ChargingStateChangedV1,
  createEnvelope,
  derivedEventId,
  MeterValuesRecordedV1,
  SessionEndedV1,
  sessionIdOf,
  SessionStartedV1,
  SessionTokenPresentedV1,
  Subjects,
  type ChargingState,
  type EventData,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';

type Sample = EventData<typeof MeterValuesRecordedV1>['samples'][number];

export interface SessionSpec {
  readonly operatorId: string;
  readonly stationId: string;
  readonly transactionId: string;
  readonly startedAt: string;
  readonly meterStartWh: string;
  readonly samples: readonly Sample[];
  readonly states?: readonly { readonly at: string; readonly state: ChargingState }[];
  readonly endedAt: string;
  readonly meterStopWh: string;
  /** Samples per MeterValuesRecorded. */
  readonly chunk?: number;
  readonly samplesNewestFirst?: boolean;
  /** The token the session is charged to; default one token for every session. */
  readonly tokenRef?: string;
  /**
   * Set: the session started without a token and was presented it at this time, in the
   * message that ended it (its SessionTokenPresented just before the SessionEnded).
   */
  readonly tokenPresentedAt?: string;
}

/** The token every built session starts with. */
export const TOKEN_REF = '7d0c7a52-58a4-4f6a-9d7e-2f3c4b5a6978';

export function sessionEvents(namespace: Namespace, spec: SessionSpec): EventEnvelope[] {
  const sessionId = sessionIdOf(spec.operatorId, spec.stationId, spec.transactionId);
  const common = {
    subject: new Subjects(namespace).event({
      context: 'ingestion',
      operatorId: spec.operatorId,
      aggregate: 'session',
      id: sessionId,
    }),
    operatorId: spec.operatorId,
    correlationId: sessionId,
  };
  const id = (type: string, index: number) => derivedEventId(sessionId, type, index);
  const chunk = spec.chunk ?? 10;
  const chunks = Array.from({ length: Math.ceil(spec.samples.length / chunk) }, (_, index) =>
    spec.samples.slice(index * chunk, (index + 1) * chunk),
  );
  const meterValues = chunks.map((samples, index) =>
    createEnvelope(MeterValuesRecordedV1, {
      ...common,
      id: id(MeterValuesRecordedV1.type, index),
      time: samples.at(-1)?.sampledAt ?? spec.startedAt,
      data: { sessionId, samples },
    }),
  );
  const tokenRef = spec.tokenRef ?? TOKEN_REF;
  const { tokenPresentedAt } = spec;
  return [
    createEnvelope(SessionStartedV1, {
      ...common,
      id: id(SessionStartedV1.type, 0),
      time: spec.startedAt,
      data: {
        sessionId,
        stationId: spec.stationId,
        evseId: 1,
        connectorId: 1,
        transactionId: spec.transactionId,
        ...(tokenPresentedAt === undefined ? { tokenRef } : {}),
        startedAt: spec.startedAt,
        meterStartWh: spec.meterStartWh,
      },
    }),
    ...(spec.states ?? []).map((change, index) =>
      createEnvelope(ChargingStateChangedV1, {
        ...common,
        id: id(ChargingStateChangedV1.type, index),
        time: change.at,
        data: { sessionId, chargingState: change.state, changedAt: change.at },
      }),
    ),
    ...(spec.samplesNewestFirst === true ? meterValues.reverse() : meterValues),
    ...(tokenPresentedAt === undefined
      ? []
      : [
          createEnvelope(SessionTokenPresentedV1, {
            ...common,
            id: id(SessionTokenPresentedV1.type, 0),
            time: tokenPresentedAt,
            data: { sessionId, tokenRef, presentedAt: tokenPresentedAt },
          }),
        ]),
    createEnvelope(SessionEndedV1, {
      ...common,
      id: id(SessionEndedV1.type, 0),
      time: spec.endedAt,
      data: {
        sessionId,
        endedAt: spec.endedAt,
        meterStopWh: spec.meterStopWh,
        stoppedReason: 'EVDisconnected',
      },
    }),
  ];
}
