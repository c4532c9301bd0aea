/**
 * One service booted for a test against an isolated namespace and schema on the shared
 * NATS and Postgres, with what every service's tests play: API tokens signed with the
 * suite's own secret, an HTTP client, events published as another context would publish
 * them, and readers of a stream and of the service's tables. Service fixtures add their
 * own vocabulary on top.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import {
  createEnvelope,
  Subjects,
  type EventDefinition,
  type EventEnvelope,
  type StreamName,
} from '@chargeledger/contracts';
import { DEFAULT_APPENDER_OPTIONS, EventAppender } from '@chargeledger/platform/eventstore';
import { mintApiToken, type ApiRole } from '@chargeledger/platform/http';
import {
  bootstrapService,
  DatabaseResource,
  type RunningService,
  type ServiceDefinition,
} from '@chargeledger/platform/service';
import { startIsolatedSuite, streamContents, type IsolatedSuite } from '@chargeledger/testing';

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
}

export interface ServiceUnderTest {
  readonly suite: IsolatedSuite;
  readonly service: RunningService;
  readonly subjects: Subjects;
  readonly connection: NatsConnection;
  /** The suite's HS256 secret, for tests that sign their own (bad) tokens. */
  readonly secret: string;
  /**
   * `Bearer <jwt>` for an operator and role, valid for an hour; `subject` e.g. the session
   * id of a driver's session-scoped token.
   */
  bearer(operatorId: string, role?: ApiRole, subject?: string): Promise<string>;
  /**
   * Calls the API as the operator in the path (role `operator`) unless the caller passes
   * its own `authorization` header ("" = none).
   */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  /** Publishes an event of any context, as its owner would (fresh id, no expectation). */
  publish<T>(
    definition: EventDefinition<string, T>,
    at: { readonly operatorId: string; readonly aggregateId: string; readonly time: string },
    data: T,
  ): Promise<EventEnvelope>;
  /** Every event in one of the suite's streams (optionally only some), in stream order. */
  streamEvents(
    stream: StreamName,
    which?: (event: EventEnvelope) => boolean,
  ): Promise<EventEnvelope[]>;
  /** Waits until `count` such events exist, or fails after `timeoutMs` (default 30 s). */
  waitForStreamEvents(
    stream: StreamName,
    count: number,
    which?: (event: EventEnvelope) => boolean,
    timeoutMs?: number,
  ): Promise<EventEnvelope[]>;
  query(sql: string, params?: unknown[]): Promise<unknown>;
  cleanup(): Promise<void>;
}

const TOKEN_TTL_S = 3_600;

/** `definitionFor(env)`: the service as its app boots it, given the environment it gets. */
export async function startServiceUnderTest(
  definitionFor: (env: Readonly<Record<string, string>>) => ServiceDefinition,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<ServiceUnderTest> {
  const suite = await startIsolatedSuite();
  const secret = randomBytes(32).toString('base64url');
  const probe = definitionFor({});
  const env = {
    NATS_URL: suite.natsUrl,
    DATABASE_URL: suite.databaseUrl,
    EVENT_NAMESPACE: suite.label,
    DB_SCHEMA: `${suite.schemaPrefix}${probe.app}`,
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    AUTH_JWT_SECRET: secret,
    ...extraEnv,
  };
  const service = await bootstrapService(definitionFor(env), env).catch(async (error: unknown) => {
    // A service that failed to start may have created the suite's streams and schema.
    await suite.cleanup();
    throw error;
  });
  const connection = await connect({ servers: suite.natsUrl });
  const subjects = new Subjects(suite.namespace);
  const appender = new EventAppender(connection.jetstream(), DEFAULT_APPENDER_OPTIONS);
  const { dataSource } = service.app.get(DatabaseResource);
  const bearer = async (
    operatorId: string,
    role: ApiRole = 'operator',
    subject = `${role}-of-${operatorId}`,
  ) =>
    `Bearer ${await mintApiToken({
      secret,
      operatorId,
      role,
      subject,
      audience: service.config.AUTH_JWT_AUDIENCE,
      issuedAtS: Math.floor(Date.now() / 1000),
      ttlSeconds: TOKEN_TTL_S,
    })}`;
  const authorizationFor = async (path: string, headers: Record<string, string>) => {
    if ('authorization' in headers) return headers['authorization'] || undefined;
    const operator = /^\/v1\/operators\/([^/?]+)/.exec(path)?.[1];
    return operator === undefined ? undefined : bearer(decodeURIComponent(operator));
  };
  const streamEvents = async (
    stream: StreamName,
    which: (event: EventEnvelope) => boolean = () => true,
  ): Promise<EventEnvelope[]> => {
    const jsm = await connection.jetstreamManager();
    const stored = await streamContents(jsm, `${suite.namespace.streamPrefix}${stream}`);
    return stored.map((message) => message.json<EventEnvelope>()).filter(which);
  };
  return {
    suite,
    service,
    subjects,
    connection,
    secret,
    bearer,
    call: async (method, path, body, headers = {}) => {
      const authorization = await authorizationFor(path, headers);
      const { authorization: _, ...rest } = headers;
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...rest,
          ...(authorization === undefined ? {} : { authorization }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
    },
    publish: async (definition, at, data) => {
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
    },
    streamEvents,
    waitForStreamEvents: async (stream, count, which = () => true, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const events = await streamEvents(stream, which);
        if (events.length >= count) return events;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} events in ${stream}, have ${events.length}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    query: (sql, params = []) => dataSource.query(sql, params),
    cleanup: async () => {
      await service.app.close();
      await connection.close();
      await suite.cleanup();
    },
  };
}
