/**
 * Test fixture for reactors: an isolated ingestion stream (input) and rating stream
 * (output), a migrated schema, and a test-only derived event, SessionNoticed, defined
 * here with its own catalog so the production catalog stays untouched. `openReactorParts`
 * reconnects to an existing fixture, so a child process can crash in the middle of it.
 */
import { connect, type JetStreamClient, type NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  CONSUMER_DEFAULTS,
  defineEvent,
  EVENT_DEFINITIONS,
  EventCatalog,
  isolatedNamespace,
  SessionStartedV1,
  streamSpecs,
  Subjects,
  type ConsumerSpec,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';
import { provisionTopology } from '@chargeledger/platform/messaging';
import {
  createServiceDataSource,
  migrate,
  PLATFORM_MIGRATIONS,
} from '@chargeledger/platform/persistence';
import { startIsolatedSuite, streamContents, type IsolatedSuite } from '@chargeledger/testing';
import { EventAppender } from '../append/event-appender';
import type { ConsumedEvent } from '../consume/consumed-event';
import { derivedEnvelope, type Reactor } from '../consume/reactor';
import { ReactorRunner, type ReactorDependencies } from '../consume/reactor-runner';
import { DeadLetterStore } from '../dead-letters/dead-letter.store';

export const REACTOR_CONSUMER = 'test-reactor';

/** Test-only: rating noticed that a session started. */
export const SessionNoticedV1 = defineEvent({
  context: 'rating',
  name: 'SessionNoticed',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({ sessionId: z.uuid(), startedAt: z.string() }),
});

export const reactorTestCatalog = new EventCatalog([...EVENT_DEFINITIONS, SessionNoticedV1]);

/** The reaction under test: SessionStarted → SessionNoticed; other events → nothing. */
export function noticeOf(cause: EventEnvelope, namespace: Namespace): EventEnvelope[] {
  if (cause.type !== SessionStartedV1.type) return [];
  const started = SessionStartedV1.schema.parse(cause.data);
  const subject = new Subjects(namespace).event({
    context: 'rating',
    operatorId: cause.operatorid,
    aggregate: 'session',
    id: started.sessionId,
  });
  return [
    derivedEnvelope(SessionNoticedV1, cause, {
      index: 0,
      subject,
      data: { sessionId: started.sessionId, startedAt: started.startedAt },
    }),
  ];
}

/** Counts reactions and refuses the event ids in `failing`. */
export class NoticingReactor implements Reactor {
  readonly failing = new Set<string>();
  readonly reacted: string[] = [];
  constructor(private readonly namespace: Namespace) {}

  react(event: ConsumedEvent): Promise<readonly EventEnvelope[]> {
    this.reacted.push(event.envelope.id);
    if (this.failing.has(event.envelope.id))
      return Promise.reject(new Error(`reactor refuses ${event.envelope.id}`));
    return Promise.resolve(noticeOf(event.envelope, this.namespace));
  }
}

export interface ReactorFixtureAddress {
  readonly label: string;
  readonly natsUrl: string;
  readonly databaseUrl: string;
}

export interface ReactorParts {
  readonly namespace: Namespace;
  readonly connection: NatsConnection;
  readonly js: JetStreamClient;
  readonly dataSource: DataSource;
  readonly dependencies: ReactorDependencies;
  runner(reactor: Reactor, ordered: boolean, maxDeliver: number): ReactorRunner;
  /** Ids of the events in the output stream, in stream order. */
  outputIds(): Promise<string[]>;
  processedCount(): Promise<number>;
  close(): Promise<void>;
}

export async function openReactorParts(address: ReactorFixtureAddress): Promise<ReactorParts> {
  const namespace = isolatedNamespace(address.label);
  const connection = await connect({ servers: address.natsUrl });
  const js = connection.jetstream();
  const schema = `t_${address.label}_eventstore`;
  const dataSource = createServiceDataSource({
    url: address.databaseUrl,
    schema,
    poolSize: 4,
    applicationName: 'eventstore-reactor-test',
    entities: [],
    migrations: [...PLATFORM_MIGRATIONS],
  });
  await dataSource.initialize();
  await migrate(dataSource, schema);
  const dependencies: ReactorDependencies = {
    js,
    dataSource,
    catalog: reactorTestCatalog,
    deadLetters: new DeadLetterStore(dataSource, js, new Subjects(namespace)),
    appender: new EventAppender(js, {
      inFlightMax: 32,
      attemptsMax: 3,
      publishTimeoutMs: 5_000,
      retryDelayMs: 50,
    }),
    log: () => undefined,
  };
  const jsm = await connection.jetstreamManager();
  return {
    namespace,
    connection,
    js,
    dataSource,
    dependencies,
    runner: (reactor, ordered, maxDeliver) =>
      new ReactorRunner({
        ...dependencies,
        reactor,
        ordered,
        maxDeliver,
        stream: `${namespace.streamPrefix}EVT_INGESTION`,
        durable: REACTOR_CONSUMER,
        batchSizeMax: 100,
        fetchExpiresMs: 1_000,
        nakDelayMs: 100,
        errorBackoffMaxMs: 1_000,
        replayPollMs: 0,
      }),
    outputIds: async () => {
      const stored = await streamContents(jsm, `${namespace.streamPrefix}EVT_RATING`);
      return stored.map((message) => reactorTestCatalog.decode(message.data).id);
    },
    processedCount: async () => {
      const rows: unknown = await dataSource.query(
        'SELECT count(*) AS n FROM processed_events WHERE consumer = $1',
        [REACTOR_CONSUMER],
      );
      return z.array(z.object({ n: z.coerce.number() })).parse(rows)[0]?.n ?? 0;
    },
    close: async () => {
      await dataSource.destroy();
      await connection.close();
    },
  };
}

/** Isolated streams (input and output) plus the reactor's durable, and parts to use them. */
export async function startReactorFixture(options: {
  duplicateWindowMs: number;
  ackWaitMs: number;
  maxDeliver: number;
  extraConsumers?: readonly ConsumerSpec[];
}): Promise<{ suite: IsolatedSuite; parts: ReactorParts; consumer: ConsumerSpec }> {
  const suite = await startIsolatedSuite();
  const specs = streamSpecs(suite.namespace, 1);
  const consumer: ConsumerSpec = {
    ...CONSUMER_DEFAULTS,
    stream: 'EVT_INGESTION',
    durable: REACTOR_CONSUMER,
    filterSubject: new Subjects(suite.namespace).eventFilter('ingestion'),
    ackWaitMs: options.ackWaitMs,
    maxDeliver: options.maxDeliver,
  };
  const connection = await connect({ servers: suite.natsUrl });
  try {
    await provisionTopology(
      await connection.jetstreamManager(),
      {
        namespace: suite.namespace,
        streams: [specs.EVT_INGESTION, specs.EVT_RATING, specs.DLQ].map((spec) => ({
          ...spec,
          duplicateWindowMs: options.duplicateWindowMs,
        })),
        consumers: [consumer, ...(options.extraConsumers ?? [])],
      },
      () => undefined,
    );
  } finally {
    await connection.close();
  }
  const parts = await openReactorParts(suite);
  return { suite, parts, consumer };
}
