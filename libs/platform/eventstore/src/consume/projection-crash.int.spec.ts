/**
 * SIGKILL between the Postgres commit and the JetStream ack: the worker process dies
 * with its batch committed and nothing acked; a restarted worker gets the batch again
 * and must count every event exactly once.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { aChargingSession } from '@chargeledger/testing';
import { EventAppender } from '../append/event-appender';
import { startEventstoreFixture, type EventstoreFixture } from '../testing/eventstore.fixture';

let fixture: EventstoreFixture;
beforeAll(async () => {
  fixture = await startEventstoreFixture({
    duplicateWindowMs: 60_000,
    ackWaitMs: 1_000,
    maxDeliver: 5,
  });
});
afterAll(() => fixture.cleanup());

function runWorker(
  faultHooks: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', resolve(__dirname, '../testing/projection-worker.ts')],
    {
      env: {
        ...process.env,
        NATS_URL: fixture.suite.natsUrl,
        DATABASE_URL: fixture.suite.databaseUrl,
        DB_SCHEMA: `${fixture.suite.schemaPrefix}eventstore`,
        STREAM: fixture.stream,
        DURABLE: fixture.consumer.durable,
        SUBJECT_PREFIX: fixture.suite.namespace.subjectPrefix,
        FAULT_HOOKS: faultHooks,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) =>
    child.once('exit', (code, signal) => done({ code, signal, stderr })),
  );
}

it('counts every event once after a crash between commit and ack', async () => {
  const events = Array.from({ length: 40 }, (_, i) =>
    aChargingSession()
      .withTransaction(`tx-crash-${i}`)
      .withReading(5, '1500')
      .endingAfter(9, '1800')
      .events(fixture.suite.namespace),
  ).flat();
  await new EventAppender(fixture.js).append(events);

  const crashed = await runWorker('projection-after-commit=crash');
  expect(crashed.signal).toBe('SIGKILL');
  expect(crashed.stderr).toContain('fault hook projection-after-commit: crashing');
  const countedBeforeRestart = await fixture.totalCounted();
  expect(countedBeforeRestart).toBeGreaterThan(0);

  const restarted = await runWorker('');
  expect(restarted).toMatchObject({ code: 0, signal: null });
  expect(await fixture.totalCounted()).toBe(events.length);
  expect(await fixture.processedCount()).toBe(events.length);
  const info = await (
    await fixture.connection.jetstreamManager()
  ).consumers.info(fixture.stream, fixture.consumer.durable);
  expect({ pending: info.num_pending, ackPending: info.num_ack_pending }).toEqual({
    pending: 0,
    ackPending: 0,
  });
});
