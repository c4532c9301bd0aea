/**
 * Boots the ingestion service for its tests (see `startServiceUnderTest`), with what a
 * test plays: registry facts published as registry events, gateway messages published to
 * `gw.<operator>.<station>.<kind>`, and readers of the normalized events.
 */
import type { JetStreamClient } from 'nats';
import { StationRegisteredV1, type EventData, type EventEnvelope } from '@chargeledger/contracts';
import { startServiceUnderTest, type ServiceUnderTest } from '@chargeledger/service-testing';
import { IngestionModule } from '../ingestion.module';
import { INGESTION_MIGRATIONS } from '../migrations/ingestion.migrations';

export interface IngestionFixture extends ServiceUnderTest {
  readonly js: JetStreamClient;
  registerStation(
    operatorId: string,
    station: Partial<EventData<typeof StationRegisteredV1>> & { stationId: string },
  ): Promise<void>;
  publishRaw(
    operatorId: string,
    stationId: string,
    /** A GatewayMessageKind, or any word to play a gateway that sends something else. */
    kind: string,
    body: unknown,
    natsMsgId?: string,
  ): Promise<{ seq: number; duplicate: boolean }>;
  /** Every EVT_INGESTION event so far, in stream order. */
  ingestionEvents(): Promise<EventEnvelope[]>;
  /** Waits until `count` EVT_INGESTION events exist (or fails after `timeoutMs`). */
  waitForEvents(count: number, timeoutMs?: number): Promise<EventEnvelope[]>;
}

/** `env`: ingestion's own variables on top of the suite's (e.g. STATION_CREDENTIALS_DIR). */
export async function startIngestion(
  env: Readonly<Record<string, string>> = {},
): Promise<IngestionFixture> {
  const underTest = await startServiceUnderTest(
    (serviceEnv) => ({
      app: 'ingestion',
      httpPort: 3002,
      module: IngestionModule.register(serviceEnv),
      migrations: INGESTION_MIGRATIONS,
    }),
    env,
  );
  const js = underTest.connection.jetstream();
  return {
    ...underTest,
    js,
    registerStation: async (operatorId, station) => {
      await underTest.publish(
        StationRegisteredV1,
        { operatorId, aggregateId: station.stationId, time: '2026-01-01T00:00:00.000Z' },
        {
          siteId: 'site-1',
          ocppVersion: '2.0.1',
          timeZone: 'Europe/Berlin',
          evses: [
            {
              evseId: 1,
              connectors: [{ connectorId: 1, powerType: 'AC_3_PHASE', maxPowerW: 22_000 }],
            },
          ],
          credentialsRef: `station-${station.stationId}`,
          ...station,
        },
      );
    },
    publishRaw: async (operatorId, stationId, kind, body, natsMsgId) => {
      const prefix = underTest.subjects.gatewayFilter(operatorId, stationId).slice(0, -1);
      const payload = typeof body === 'string' ? body : JSON.stringify(body);
      const ack = await js.publish(`${prefix}${kind}`, payload, {
        ...(natsMsgId === undefined ? {} : { msgID: natsMsgId }),
      });
      return { seq: ack.seq, duplicate: ack.duplicate };
    },
    ingestionEvents: () => underTest.streamEvents('EVT_INGESTION'),
    waitForEvents: (count, timeoutMs) =>
      underTest.waitForStreamEvents('EVT_INGESTION', count, undefined, timeoutMs),
  };
}
