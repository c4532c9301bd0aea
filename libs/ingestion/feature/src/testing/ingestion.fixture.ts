/**
 * Boots the ingestion service against an isolated namespace and schema on the shared NATS
 * and Postgres, with what a test plays: registry facts published as registry events,
 * gateway messages published to `gw.<operator>.<station>.<kind>`, and readers of the
 * normalized events and of ingestion's tables.
 */
import { randomBytes } from 'node:crypto';
import { connect, type JetStreamClient, type NatsConnection } from 'nats';
import { v5 as uuidv5 } from 'uuid';
import {
  createEnvelope,
  StationRegisteredV1,
  Subjects,
  type EventData,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { EventAppender, DEFAULT_APPENDER_OPTIONS } from '@chargeledger/platform/eventstore';
import {
  bootstrapService,
  DatabaseResource,
  type RunningService,
} from '@chargeledger/platform/service';
import { mintApiToken, type ApiRole } from '@chargeledger/platform/http';
import { startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { IngestionModule } from '../ingestion.module';
import { IngestionWorkers } from '../ingestion.workers';
import { INGESTION_MIGRATIONS } from '../migrations/ingestion.migrations';

const FIXTURE_NS = '0b6f5c1e-8a2d-4c3b-9e7f-1a2b3c4d5e6f';

export interface IngestionFixture {
  readonly suite: IsolatedSuite;
  readonly service: RunningService;
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
  query(sql: string, params?: unknown[]): Promise<unknown>;
  duplicatesTotal(): number;
  /** Calls the service's HTTP API as `role` of `operatorId` (a token signed with the suite's secret). */
  call(
    method: string,
    path: string,
    body: unknown,
    as: { operatorId: string; role: ApiRole },
  ): Promise<{ status: number; body: unknown }>;
  cleanup(): Promise<void>;
}

/** `env`: ingestion's own variables on top of the suite's (e.g. STATION_CREDENTIALS_DIR). */
export async function startIngestion(
  env: Readonly<Record<string, string>> = {},
): Promise<IngestionFixture> {
  const suite = await startIsolatedSuite();
  const secret = randomBytes(32).toString('base64url');
  const serviceEnv = {
    NATS_URL: suite.natsUrl,
    DATABASE_URL: suite.databaseUrl,
    EVENT_NAMESPACE: suite.label,
    DB_SCHEMA: `${suite.schemaPrefix}ingestion`,
    HTTP_PORT: String(46_000 + Math.floor(Math.random() * 2_000)),
    LOG_LEVEL: 'warn',
    AUTH_JWT_SECRET: secret,
    ...env,
  };
  const service = await bootstrapService(
    {
      app: 'ingestion',
      httpPort: 3002,
      module: IngestionModule.register(serviceEnv),
      migrations: INGESTION_MIGRATIONS,
    },
    serviceEnv,
  );
  const connection: NatsConnection = await connect({ servers: suite.natsUrl });
  const js = connection.jetstream();
  const subjects = new Subjects(suite.namespace);
  const appender = new EventAppender(js, DEFAULT_APPENDER_OPTIONS);
  const { dataSource } = service.app.get(DatabaseResource);
  const ingestionStream = `${suite.namespace.streamPrefix}EVT_INGESTION`;

  const ingestionEvents = async (): Promise<EventEnvelope[]> => {
    const jsm = await connection.jetstreamManager();
    const { state } = await jsm.streams.info(ingestionStream);
    const events: EventEnvelope[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(ingestionStream, { seq });
      events.push(message.json<EventEnvelope>());
    }
    return events;
  };

  return {
    suite,
    service,
    js,
    registerStation: async (operatorId, station) => {
      const data: EventData<typeof StationRegisteredV1> = {
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
      };
      const subject = subjects.event({
        context: 'registry',
        operatorId,
        aggregate: 'station',
        id: station.stationId,
      });
      await appender.append([
        createEnvelope(StationRegisteredV1, {
          id: uuidv5(subject, FIXTURE_NS),
          subject,
          operatorId,
          time: '2026-01-01T00:00:00.000Z',
          data,
          correlationId: uuidv5(subject, FIXTURE_NS),
        }),
      ]);
    },
    publishRaw: async (operatorId, stationId, kind, body, natsMsgId) => {
      const subject = `${subjects.gatewayFilter(operatorId, stationId).slice(0, -1)}${kind}`;
      const ack = await js.publish(
        subject,
        typeof body === 'string' ? body : JSON.stringify(body),
        {
          ...(natsMsgId === undefined ? {} : { msgID: natsMsgId }),
        },
      );
      return { seq: ack.seq, duplicate: ack.duplicate };
    },
    ingestionEvents,
    waitForEvents: async (count, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const events = await ingestionEvents();
        if (events.length >= count) return events;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} ingestion events, have ${events.length}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    query: (sql, params = []) => dataSource.query(sql, params),
    duplicatesTotal: () => service.app.get(IngestionWorkers).normaliser?.duplicatesTotal ?? 0,
    call: async (method, path, body, as) => {
      const token = await mintApiToken({
        secret,
        operatorId: as.operatorId,
        role: as.role,
        subject: `${as.role}-of-${as.operatorId}`,
        audience: service.config.AUTH_JWT_AUDIENCE,
        issuedAtS: Math.floor(Date.now() / 1000),
        ttlSeconds: 600,
      });
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    cleanup: async () => {
      await service.app.close();
      await connection.close();
      await suite.cleanup();
    },
  };
}
