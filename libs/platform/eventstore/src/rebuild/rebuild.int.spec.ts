/**
 * Rebuild against a real nats-server and Postgres: the counting projection is run live
 * until caught up, rebuilt from sequence 1 into `<live>_rebuild`, and verified by hash;
 * a mutated live row makes verify fail and name the row; events published after the
 * live checkpoint are not replayed, so a lagging live projection still verifies.
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import { eventCatalog, Subjects, type EventEnvelope } from '@chargeledger/contracts';
import { aChargingSession } from '@chargeledger/testing';
import { EventAppender } from '../append/event-appender';
import type { ProjectionRunner } from '../consume/projection-runner';
import {
  CountingProjection,
  startEventstoreFixture,
  type EventstoreFixture,
} from '../testing/eventstore.fixture';
import {
  RebuildFailedError,
  rebuildProjection,
  type RebuildProgress,
  type RebuildSource,
} from './projection.rebuild';
import { formatVerification, verifyProjection } from './projection.verify';

let fixture: EventstoreFixture;
let appender: EventAppender;
let runner: ProjectionRunner;
let liveSchema: string;
const projection = new CountingProjection();

beforeAll(async () => {
  fixture = await startEventstoreFixture({
    duplicateWindowMs: 120_000,
    ackWaitMs: 5_000,
    maxDeliver: 3,
  });
  appender = new EventAppender(fixture.js, {
    inFlightMax: 32,
    attemptsMax: 3,
    publishTimeoutMs: 5_000,
    retryDelayMs: 50,
  });
  runner = fixture.runner(projection, true);
  const rows = z
    .array(z.object({ schema: z.string() }))
    .parse(await fixture.dataSource.query('SELECT current_schema() AS schema'));
  liveSchema = rows[0]?.schema ?? '';
});
afterAll(() => fixture.cleanup());

function sessions(prefix: string, count: number): EventEnvelope[] {
  return Array.from({ length: count }, (_, i) =>
    aChargingSession()
      .forOperator(i % 2 === 0 ? 'acme' : 'voltway')
      .atStation(`CP-${i % 3}`)
      .withTransaction(`${prefix}-${i}`)
      .withReading(10, String(2000 + i))
      .endingAfter(20, String(3000 + i))
      .events(fixture.suite.namespace),
  ).flat();
}

async function runLiveUntilProcessed(total: number): Promise<void> {
  for (let round = 0; round < 50 && (await fixture.processedCount()) < total; round++) {
    await runner.runOnce();
  }
  expect(await fixture.processedCount()).toBe(total);
}

const createCountsTable = async (tx: QueryRunner): Promise<void> => {
  await tx.query(
    'CREATE TABLE session_event_counts (session_id text PRIMARY KEY, operator_id text NOT NULL, events integer NOT NULL)',
  );
};

async function rebuild(
  progress: RebuildProgress[] = [],
  source: RebuildSource = { stream: fixture.stream, filterSubject: fixture.consumer.filterSubject },
) {
  return rebuildProjection({
    js: fixture.js,
    catalog: eventCatalog,
    databaseUrl: fixture.suite.databaseUrl,
    liveSchema,
    projection: new CountingProjection(),
    sources: [source],
    migrations: [],
    prepare: createCountsTable,
    batchSizeMax: 10,
    fetchExpiresMs: 1_000,
    consumerInactiveMs: 60_000,
    onProgress: (report) => progress.push(report),
  });
}

const verify = (rebuildSchema: string) =>
  verifyProjection({
    dataSource: fixture.dataSource,
    liveSchema,
    rebuildSchema,
    tables: projection.tables,
    batchSizeMax: 4,
  });

it('rebuilds from sequence 1 with progress, and verify finds the same tables', async () => {
  const events = sessions('first', 12);
  await appender.append(events);
  await runLiveUntilProcessed(events.length);

  const progress: RebuildProgress[] = [];
  const result = await rebuild(progress);
  const [stream] = result.streams;
  expect(result.schema).toBe(`${liveSchema}_rebuild`);
  expect(stream).toMatchObject({ applied: 36, sequence: stream?.lastSequence, undecodable: 0 });
  expect(progress.length).toBeGreaterThanOrEqual(4);
  expect(progress.map((p) => p.sequence)).toEqual(
    [...progress.map((p) => p.sequence)].sort((a, b) => a - b),
  );
  expect(progress.at(-1)).toMatchObject({ applied: 36, percent: 100 });

  const verification = await verify(result.schema);
  expect(verification.equal).toBe(true);
  expect(verification.tables).toEqual([
    expect.objectContaining({ name: 'session_event_counts', liveRows: 12, rebuildRows: 12 }),
  ]);
  expect(verification.tables[0]?.liveHash).toBe(verification.tables[0]?.rebuildHash);
  expect(verification.tables[0]?.firstDifference).toBeUndefined();
});

it('fails verify on one mutated live row and names that row', async () => {
  const { schema } = await rebuild();
  const [target] = z
    .array(z.object({ session_id: z.string() }))
    .parse(
      await fixture.dataSource.query(
        'SELECT session_id FROM session_event_counts ORDER BY session_id COLLATE "C" OFFSET 5 LIMIT 1',
      ),
    );
  const sessionId = target?.session_id ?? '';
  const mutate = (delta: number) =>
    fixture.dataSource.query(
      'UPDATE session_event_counts SET events = events + $1 WHERE session_id = $2',
      [delta, sessionId],
    );
  await mutate(1);
  try {
    const verification = await verify(schema);
    process.stdout.write(`${formatVerification(verification)}\n`);
    expect(verification.equal).toBe(false);
    const [table] = verification.tables;
    expect(table?.liveHash).not.toBe(table?.rebuildHash);
    const difference = table?.firstDifference;
    expect(difference?.index).toBe(5);
    const expected = ['acme', 'voltway'].map(
      (operator) => `{"events":3,"operator_id":"${operator}","session_id":"${sessionId}"}`,
    );
    expect(expected).toContain(difference?.rebuild);
    expect(difference?.live).toBe(difference?.rebuild?.replace('"events":3', '"events":4'));
  } finally {
    await mutate(-1);
  }
  expect((await verify(schema)).equal).toBe(true);
});

it('stops at the live checkpoint when later events are not yet projected', async () => {
  const before = await fixture.processedCount();
  await appender.append(sessions('later', 5));

  const result = await rebuild();
  expect(result.applied).toBe(before);
  expect(result.streams[0]?.sequence).toBe(result.streams[0]?.lastSequence);
  const verification = await verify(result.schema);
  expect(verification.equal).toBe(true);
  expect(verification.tables[0]?.rebuildRows).toBe(12);

  await runLiveUntilProcessed(before + 15);
  const caughtUp = await rebuild();
  expect(caughtUp.applied).toBe(before + 15);
  expect((await verify(caughtUp.schema)).equal).toBe(true);
});

it('refuses to call a rebuild done when the log ends before the live checkpoint', async () => {
  const elsewhere = new Subjects(fixture.suite.namespace).eventFilter('ingestion', {
    operatorId: 'nobody',
  });
  await expect(
    rebuild([], { stream: fixture.stream, filterSubject: elsewhere }),
  ).rejects.toBeInstanceOf(RebuildFailedError);
});

afterEach(async () => {
  // Every rebuild removes its ephemeral consumer; only the live durable remains.
  const jsm = await fixture.connection.jetstreamManager();
  const consumers = await jsm.consumers.list(fixture.stream).next();
  expect(consumers.map((c) => c.name)).toEqual([fixture.consumer.durable]);
});
