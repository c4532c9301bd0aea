/**
 * Test fixture for the event store runtime: an isolated stream and durable consumer, a
 * migrated schema, and a small counting projection (events per session) whose apply can
 * be told to fail, so tests can drive duplicates, failures and crashes.
 */
import { connect, type JetStreamClient, type NatsConnection } from 'nats';
import type { DataSource, QueryRunner } from 'typeorm';
import { z } from 'zod';
import {
  CONSUMER_DEFAULTS,
  eventCatalog,
  streamSpecs,
  Subjects,
  type ConsumerSpec,
} from '@chargeledger/contracts';
import { provisionTopology } from '@chargeledger/platform/messaging';
import {
  createServiceDataSource,
  migrate,
  PLATFORM_MIGRATIONS,
} from '@chargeledger/platform/persistence';
import { aChargingSession, startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { EventAppender } from '../append/event-appender';
import type { ConsumedEvent } from '../consume/consumed-event';
import type { Projection } from '../consume/projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../consume/projection-runner';
import { DeadLetterStore } from '../dead-letters/dead-letter.store';

export const COUNTING_CONSUMER = 'test-meters';

export class CountingProjection implements Projection {
  readonly consumer = COUNTING_CONSUMER;
  readonly tables = [{ name: 'session_event_counts', orderBy: 'session_id' }];
  /** Events for which apply throws, by event id; tests add and remove ids. */
  readonly failing = new Set<string>();
  readonly applied: string[] = [];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    const poisoned = events.find((e) => this.failing.has(e.envelope.id));
    if (poisoned !== undefined) throw new Error(`projection refuses ${poisoned.envelope.id}`);
    const counts = new Map<string, { operator: string; count: number }>();
    for (const event of events) {
      const key = event.envelope.subject;
      const current = counts.get(key) ?? { operator: event.envelope.operatorid, count: 0 };
      counts.set(key, { operator: current.operator, count: current.count + 1 });
    }
    if (counts.size > 0) {
      await tx.query(
        `INSERT INTO session_event_counts (session_id, operator_id, events)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
         ON CONFLICT (session_id) DO UPDATE SET events = session_event_counts.events + EXCLUDED.events`,
        [
          [...counts.keys()],
          [...counts.values()].map((c) => c.operator),
          [...counts.values()].map((c) => c.count),
        ],
      );
    }
    this.applied.push(...events.map((e) => e.envelope.id));
  }
}

export interface EventstoreFixture {
  readonly suite: IsolatedSuite;
  readonly connection: NatsConnection;
  readonly js: JetStreamClient;
  readonly dataSource: DataSource;
  readonly deadLetters: DeadLetterStore;
  readonly stream: string;
  readonly consumer: ConsumerSpec;
  runner(
    projection: Projection,
    ordered: boolean,
    tuning?: Partial<ProjectionRunnerOptions>,
  ): ProjectionRunner;
  totalCounted(): Promise<number>;
  processedCount(): Promise<number>;
  cleanup(): Promise<void>;
}

export async function startEventstoreFixture(options: {
  duplicateWindowMs: number;
  ackWaitMs: number;
  maxDeliver: number;
}): Promise<EventstoreFixture> {
  const suite = await startIsolatedSuite();
  const connection = await connect({ servers: suite.natsUrl });
  const js = connection.jetstream();
  const subjects = new Subjects(suite.namespace);
  const specs = streamSpecs(suite.namespace, 1);
  const streamSpec = {
    ...specs.EVT_INGESTION,
    duplicateWindowMs: options.duplicateWindowMs,
  };
  const consumer: ConsumerSpec = {
    ...CONSUMER_DEFAULTS,
    stream: 'EVT_INGESTION',
    durable: COUNTING_CONSUMER,
    filterSubject: subjects.eventFilter('ingestion'),
    ackWaitMs: options.ackWaitMs,
    maxDeliver: options.maxDeliver,
  };
  await provisionTopology(
    await connection.jetstreamManager(),
    { namespace: suite.namespace, streams: [streamSpec, specs.DLQ], consumers: [consumer] },
    () => undefined,
  );
  const schema = `${suite.schemaPrefix}eventstore`;
  const dataSource = createServiceDataSource({
    url: suite.databaseUrl,
    schema,
    poolSize: 4,
    applicationName: 'eventstore-test',
    entities: [],
    migrations: [...PLATFORM_MIGRATIONS],
  });
  await dataSource.initialize();
  await migrate(dataSource, schema);
  await dataSource.query(
    'CREATE TABLE session_event_counts (session_id text PRIMARY KEY, operator_id text NOT NULL, events integer NOT NULL)',
  );
  const deadLetters = new DeadLetterStore(dataSource, js, subjects);
  const count = async (sql: string): Promise<number> =>
    z.array(z.object({ n: z.coerce.number() })).parse(await dataSource.query(sql))[0]?.n ?? 0;
  return {
    suite,
    connection,
    js,
    dataSource,
    deadLetters,
    stream: streamSpec.name,
    consumer,
    runner: (projection, ordered, tuning = {}) =>
      new ProjectionRunner({
        js,
        dataSource,
        catalog: eventCatalog,
        deadLetters,
        projection,
        stream: streamSpec.name,
        durable: consumer.durable,
        ordered,
        maxDeliver: consumer.maxDeliver,
        batchSizeMax: 100,
        fetchExpiresMs: 1_000,
        nakDelayMs: 100,
        errorBackoffMaxMs: 1_000,
        replayPollMs: 0,
        log: () => undefined,
        ...tuning,
      }),
    totalCounted: () => count('SELECT coalesce(sum(events), 0) AS n FROM session_event_counts'),
    processedCount: () =>
      count(`SELECT count(*) AS n FROM processed_events WHERE consumer = '${COUNTING_CONSUMER}'`),
    cleanup: async () => {
      await dataSource.destroy();
      await connection.close();
      await suite.cleanup();
    },
  };
}

/** The appender the runner tests publish with: small bounded retries, pipelined. */
export function testAppender(fixture: EventstoreFixture): EventAppender {
  return new EventAppender(fixture.js, {
    inFlightMax: 32,
    attemptsMax: 3,
    publishTimeoutMs: 5_000,
    retryDelayMs: 50,
  });
}

/** `count` short sessions (start, one reading, end) named `<prefix>-<i>`, as events. */
export function countedSessions(fixture: EventstoreFixture, count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) =>
    aChargingSession()
      .withTransaction(`${prefix}-${i}`)
      .withReading(5, '1500')
      .endingAfter(10, '2000')
      .events(fixture.suite.namespace),
  ).flat();
}
