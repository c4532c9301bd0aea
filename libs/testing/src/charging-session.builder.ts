/**
 * `aChargingSession()` builds the events ingestion records for one charging session
 * (SessionStarted, MeterValuesRecorded, SessionEnded), with deterministic ids, so tests
 * describe fixtures as facts rather than table rows.
 */
import {
  createEnvelope,
  derivedEventId,
  MeterValuesRecordedV1,
  PRODUCTION_NAMESPACE,
  SessionEndedV1,
  sessionIdOf,
  SessionStartedV1,
  Subjects,
  type EventData,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';

type Sample = EventData<typeof MeterValuesRecordedV1>['samples'][number];

interface SessionFacts {
  operatorId: string;
  stationId: string;
  transactionId: string;
  evseId: number;
  connectorId: number;
  startedAt: Date;
  meterStartWh: string;
  samples: Sample[];
  endedAt: Date | undefined;
  meterStopWh: string | undefined;
}

export class ChargingSessionBuilder {
  private readonly facts: SessionFacts = {
    operatorId: 'acme',
    stationId: 'CP-0001',
    transactionId: 'tx-1',
    evseId: 1,
    connectorId: 1,
    startedAt: new Date('2026-03-29T00:30:00.000Z'),
    meterStartWh: '1000',
    samples: [],
    endedAt: undefined,
    meterStopWh: undefined,
  };

  forOperator(operatorId: string): this {
    this.facts.operatorId = operatorId;
    return this;
  }

  atStation(stationId: string, evseId = 1, connectorId = 1): this {
    Object.assign(this.facts, { stationId, evseId, connectorId });
    return this;
  }

  withTransaction(transactionId: string): this {
    this.facts.transactionId = transactionId;
    return this;
  }

  startingAt(iso: string, meterStartWh = this.facts.meterStartWh): this {
    Object.assign(this.facts, { startedAt: new Date(iso), meterStartWh });
    return this;
  }

  /** A register reading `minutes` after the start. */
  withReading(minutes: number, energyRegisterWh: string): this {
    const sampledAt = new Date(this.facts.startedAt.getTime() + minutes * 60_000).toISOString();
    this.facts.samples.push({ sampledAt, energyRegisterWh });
    return this;
  }

  endingAfter(minutes: number, meterStopWh: string): this {
    Object.assign(this.facts, {
      endedAt: new Date(this.facts.startedAt.getTime() + minutes * 60_000),
      meterStopWh,
    });
    return this;
  }

  get sessionId(): string {
    return sessionIdOf(this.facts.operatorId, this.facts.stationId, this.facts.transactionId);
  }

  events(namespace: Namespace = PRODUCTION_NAMESPACE): EventEnvelope[] {
    const f = this.facts;
    const sessionId = this.sessionId;
    const subject = new Subjects(namespace).event({
      context: 'ingestion',
      operatorId: f.operatorId,
      aggregate: 'session',
      id: sessionId,
    });
    const common = { subject, operatorId: f.operatorId, correlationId: sessionId };
    const id = (type: string, index: number): string => derivedEventId(sessionId, type, index);
    const events: EventEnvelope[] = [
      createEnvelope(SessionStartedV1, {
        ...common,
        id: id(SessionStartedV1.type, 0),
        time: f.startedAt.toISOString(),
        data: {
          sessionId,
          stationId: f.stationId,
          evseId: f.evseId,
          connectorId: f.connectorId,
          transactionId: f.transactionId,
          startedAt: f.startedAt.toISOString(),
          meterStartWh: f.meterStartWh,
        },
      }),
    ];
    if (f.samples.length > 0) {
      const lastSample = f.samples[f.samples.length - 1];
      events.push(
        createEnvelope(MeterValuesRecordedV1, {
          ...common,
          id: id(MeterValuesRecordedV1.type, 0),
          time: lastSample?.sampledAt ?? f.startedAt.toISOString(),
          data: { sessionId, samples: f.samples },
        }),
      );
    }
    if (f.endedAt !== undefined && f.meterStopWh !== undefined) {
      events.push(
        createEnvelope(SessionEndedV1, {
          ...common,
          id: id(SessionEndedV1.type, 0),
          time: f.endedAt.toISOString(),
          data: {
            sessionId,
            endedAt: f.endedAt.toISOString(),
            meterStopWh: f.meterStopWh,
            stoppedReason: 'EVDisconnected',
          },
        }),
      );
    }
    return events;
  }
}

export function aChargingSession(): ChargingSessionBuilder {
  return new ChargingSessionBuilder();
}
