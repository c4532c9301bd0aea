/**
 * The projection runner against real nats-server and Postgres: every event's effect is
 * applied exactly once across duplicates, re-publication after the dedupe window, naks
 * and redelivery; an ordered projection stops at the first failure; a poison message is
 * dead-lettered and replayed after the fix.
 */
import type { QueryRunner } from 'typeorm';
import type { EventAppender } from '../append/event-appender';
import {
  CountingProjection,
  COUNTING_CONSUMER,
  countedSessions,
  startEventstoreFixture,
  testAppender,
  type EventstoreFixture,
} from '../testing/eventstore.fixture';
import type { ConsumedEvent } from './consumed-event';
import type { ProjectionRunner } from './projection-runner';

let fixture: EventstoreFixture;
let appender: EventAppender;

beforeEach(async () => {
  fixture = await startEventstoreFixture({
    duplicateWindowMs: 1_000,
    ackWaitMs: 1_000,
    maxDeliver: 2,
  });
  appender = testAppender(fixture);
});
afterEach(() => fixture.cleanup());

const sessions = (count: number, prefix: string) => countedSessions(fixture, count, prefix);

/** Runs batches until `expected` effects are counted or the deadline passes. */
async function drain(
  runner: ProjectionRunner,
  expected: number,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await fixture.totalCounted()) < expected && Date.now() < deadline) await runner.runOnce();
  await runner.runOnce();
}

it('applies each event once, even when it is re-published after the duplicate window', async () => {
  const events = sessions(5, 'tx-window');
  await appender.append(events);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const republished = await appender.append(events.slice(0, 4));
  expect(republished.every((r) => !r.duplicate)).toBe(true);

  const runner = fixture.runner(new CountingProjection(), false);
  await drain(runner, events.length);
  expect(await fixture.totalCounted()).toBe(events.length);
  expect(await fixture.processedCount()).toBe(events.length);
});

it('applies an event whose id is spelled in uppercase once, and its lowercase copy never', async () => {
  const [started] = sessions(1, 'tx-case');
  if (started === undefined) throw new Error('no events');
  // Postgres answers uuids in lowercase; the envelope schema accepts either spelling.
  await appender.append([{ ...started, id: started.id.toUpperCase() }]);
  await appender.append([started]);
  const projection = new CountingProjection();
  const runner = fixture.runner(projection, true);
  await drain(runner, 1);
  expect(await fixture.totalCounted()).toBe(1);
  expect(projection.applied).toEqual([started.id.toUpperCase()]);
  expect(await fixture.processedCount()).toBe(1);
});

it('still applies a nak-ed event redelivered after later events committed', async () => {
  const events = sessions(3, 'tx-nak');
  const first = events[0];
  if (first === undefined) throw new Error('no events');
  const projection = new CountingProjection();
  projection.failing.add(first.id);
  await appender.append(events);
  const runner = fixture.runner(projection, false);
  await runner.runOnce();
  expect(await fixture.totalCounted()).toBe(events.length - 1);

  projection.failing.clear();
  await drain(runner, events.length);
  expect(await fixture.totalCounted()).toBe(events.length);
  expect(projection.applied.filter((id) => id === first.id)).toHaveLength(1);
});

/** Counts, then runs a failing statement and hides its error, leaving the transaction failed. */
class SwallowingProjection extends CountingProjection {
  swallowing = true;

  override async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    await super.apply(events, tx);
    if (!this.swallowing) return;
    try {
      await tx.query('SELECT 1 / 0');
    } catch {
      // Hidden on purpose: the runner must notice that nothing can commit.
    }
  }
}

it('acks nothing of a batch whose projection hid a failed statement', async () => {
  const events = sessions(2, 'tx-hidden');
  await appender.append(events);
  const projection = new SwallowingProjection();
  const runner = fixture.runner(projection, false);
  await runner.runOnce();
  expect(await fixture.totalCounted()).toBe(0);
  expect(await fixture.processedCount()).toBe(0);

  projection.swallowing = false;
  await drain(runner, events.length);
  expect(await fixture.totalCounted()).toBe(events.length);
  expect(await fixture.processedCount()).toBe(events.length);
});

it('stops an ordered projection at the first failure and keeps the order', async () => {
  const events = sessions(2, 'tx-ordered');
  const third = events[2];
  if (third === undefined) throw new Error('no events');
  const projection = new CountingProjection();
  projection.failing.add(third.id);
  await appender.append(events);
  const runner = fixture.runner(projection, true);
  await runner.runOnce();
  expect(await fixture.totalCounted()).toBe(2);

  projection.failing.clear();
  await drain(runner, events.length);
  expect(projection.applied).toEqual(events.map((e) => e.id));
});

it('hands back the batch fetched ahead when an ordered batch fails, so order holds', async () => {
  const events = sessions(3, 'tx-ahead');
  const second = events[1];
  if (second === undefined) throw new Error('no events');
  const projection = new CountingProjection();
  projection.failing.add(second.id);
  await appender.append(events);
  const runner = fixture.runner(projection, true, { fetchAhead: true, batchSizeMax: 2 });
  await runner.runOnce();
  expect(projection.applied).toEqual([events[0]?.id]);

  projection.failing.clear();
  await drain(runner, events.length);
  expect(projection.applied).toEqual(events.map((e) => e.id));
  await runner.stop();
});

it('dead-letters an invalid message at once and a failing one at max deliver, then replays after a fix', async () => {
  const events = sessions(1, 'tx-poison');
  const [started, recorded] = events;
  if (started === undefined || recorded === undefined) throw new Error('no events');
  await fixture.js.publish(started.subject, '{"not":"an envelope"}', { msgID: 'garbage-1' });
  const projection = new CountingProjection();
  projection.failing.add(recorded.id);
  await appender.append(events);
  const runner = fixture.runner(projection, false);
  for (
    let i = 0;
    i < 6 && (await fixture.deadLetters.list(COUNTING_CONSUMER, 10)).length < 2;
    i++
  ) {
    await runner.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const letters = await fixture.deadLetters.list(COUNTING_CONSUMER, 10);
  expect(letters.map((l) => l.error_code).sort()).toEqual([
    'EVENT.INVALID_ENVELOPE',
    'PROJECTION.APPLY_FAILED',
  ]);
  expect(await fixture.totalCounted()).toBe(events.length - 1);
  const dlq = await (
    await fixture.connection.jetstreamManager()
  ).streams.info(`${fixture.suite.namespace.streamPrefix}DLQ`);
  expect(dlq.state.messages).toBe(2);

  projection.failing.clear();
  expect(await fixture.deadLetters.requestReplay(COUNTING_CONSUMER)).toBe(2);
  await runner.runOnce();
  expect(await fixture.totalCounted()).toBe(events.length);
  const after = await fixture.deadLetters.list(COUNTING_CONSUMER, 10);
  const replayed = after.find((l) => l.error_code === 'PROJECTION.APPLY_FAILED');
  const stillInvalid = after.find((l) => l.error_code === 'EVENT.INVALID_ENVELOPE');
  expect(replayed?.replayed_at).toBeInstanceOf(Date);
  expect(stillInvalid).toMatchObject({ replayed_at: null, replay_requested_at: null });
  expect(stillInvalid?.replay_error).toContain('EVENT.INVALID_ENVELOPE');
});
