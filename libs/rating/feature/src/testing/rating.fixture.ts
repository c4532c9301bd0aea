/**
 * Boots the rating service against an isolated namespace and schema on the shared NATS
 * and Postgres, with what a test plays: registry facts and tariff versions published as
 * events (with the envelope time the test says), ingestion's session events, the
 * operator API as the operator in the path, and readers of rating's session-rating
 * events and tables.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import {
  createEnvelope,
  Subjects,
  TariffVersionPublishedV1,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { DEFAULT_APPENDER_OPTIONS, EventAppender } from '@chargeledger/platform/eventstore';
import { mintApiToken } from '@chargeledger/platform/http';
import {
  bootstrapService,
  DatabaseResource,
  type RunningService,
} from '@chargeledger/platform/service';
import { startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { RATING_PROBLEMS } from '../http/rating-refusal.problem';
import { RATING_MIGRATIONS } from '../migrations/rating.migrations';
import { RatingModule } from '../rating.module';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

export interface RatingFixture {
  readonly suite: IsolatedSuite;
  readonly service: RunningService;
  /** The live schema of rating's tables. */
  readonly schema: string;
  readonly subjects: Subjects;
  /** Publishes an event of another context (or a tariff version) as its owner would. */
  publish<T>(
    definition: EventDefinition<string, T>,
    at: { operatorId: string; aggregateId: string; time: string },
    data: T,
  ): Promise<EventEnvelope>;
  publishTariffVersion(
    operatorId: string,
    data: EventData<typeof TariffVersionPublishedV1>,
    time: string,
  ): Promise<void>;
  /** Appends envelopes as they are; `msgId` overrides Nats-Msg-Id (a copy past the window). */
  append(events: readonly EventEnvelope[], msgId?: string): Promise<void>;
  /** Every `session-rating` event so far, in stream order. */
  ratings(): Promise<EventEnvelope[]>;
  /** Waits until `count` session-rating events exist (or fails after `timeoutMs`). */
  waitForRatings(count: number, timeoutMs?: number): Promise<EventEnvelope[]>;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  query(sql: string, params?: unknown[]): Promise<unknown>;
  cleanup(): Promise<void>;
}

export async function startRating(): Promise<RatingFixture> {
  const suite = await startIsolatedSuite();
  const secret = randomBytes(32).toString('base64url');
  const schema = `${suite.schemaPrefix}rating`;
  const env = {
    NATS_URL: suite.natsUrl,
    DATABASE_URL: suite.databaseUrl,
    EVENT_NAMESPACE: suite.label,
    DB_SCHEMA: schema,
    HTTP_PORT: String(48_000 + Math.floor(Math.random() * 2_000)),
    LOG_LEVEL: 'warn',
    AUTH_JWT_SECRET: secret,
  };
  const service = await bootstrapService(
    {
      app: 'rating',
      httpPort: 3003,
      module: RatingModule.register(env),
      migrations: RATING_MIGRATIONS,
      problems: RATING_PROBLEMS,
    },
    env,
  );
  const connection: NatsConnection = await connect({ servers: suite.natsUrl });
  const js = connection.jetstream();
  const subjects = new Subjects(suite.namespace);
  const appender = new EventAppender(js, DEFAULT_APPENDER_OPTIONS);
  const { dataSource } = service.app.get(DatabaseResource);
  const ratingStream = `${suite.namespace.streamPrefix}EVT_RATING`;

  const publish = async <T>(
    definition: EventDefinition<string, T>,
    at: { operatorId: string; aggregateId: string; time: string },
    data: T,
  ): Promise<EventEnvelope> => {
    const id = randomUUID();
    const envelope = createEnvelope(definition, {
      id,
      subject: subjects.event({
        context: definition.context,
        operatorId: at.operatorId,
        aggregate: definition.aggregate,
        id: at.aggregateId,
      }),
      operatorId: at.operatorId,
      time: at.time,
      data,
      correlationId: id,
    });
    await appender.append([envelope]);
    return envelope;
  };

  const ratings = async (): Promise<EventEnvelope[]> => {
    const jsm = await connection.jetstreamManager();
    const { state } = await jsm.streams.info(ratingStream);
    const events: EventEnvelope[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(ratingStream, { seq });
      const envelope = message.json<EventEnvelope>();
      if (envelope.subject.includes('.session-rating.')) events.push(envelope);
    }
    return events;
  };

  return {
    suite,
    service,
    schema,
    subjects,
    publish,
    publishTariffVersion: async (operatorId, data, time) => {
      await publish(
        TariffVersionPublishedV1,
        { operatorId, aggregateId: data.tariffId, time },
        data,
      );
    },
    append: async (events, msgId) => {
      for (const event of events)
        await js.publish(event.subject, JSON.stringify(event), { msgID: msgId ?? event.id });
    },
    ratings,
    waitForRatings: async (count, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const events = await ratings();
        if (events.length >= count) return events;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} session-rating events, have ${events.length}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    call: async (method, path, body, headers = {}) => {
      const operator = /^\/v1\/operators\/([^/?]+)/.exec(path)?.[1] ?? 'none';
      const token = await mintApiToken({
        secret,
        operatorId: decodeURIComponent(operator),
        role: 'operator',
        subject: `operator-of-${operator}`,
        audience: service.config.AUTH_JWT_AUDIENCE,
        issuedAtS: Math.floor(Date.now() / 1000),
        ttlSeconds: 600,
      });
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    query: (sql, params = []) => dataSource.query(sql, params),
    cleanup: async () => {
      await service.app.close();
      await connection.close();
      await suite.cleanup();
    },
  };
}
