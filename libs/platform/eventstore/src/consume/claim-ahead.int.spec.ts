/**
 * The projection runner with claimAhead against real nats-server and Postgres: the batch
 * ahead is claimed while the current one commits, yet every event is applied once and in
 * order, a failure hands the claimed batch back, and a dead-letter replay of an event the
 * batch ahead also holds neither waits on that batch nor applies the event twice.
 */
import type { EventAppender } from '../append/event-appender';
import {
  CountingProjection,
  COUNTING_CONSUMER,
  countedSessions,
  startEventstoreFixture,
  testAppender,
  type EventstoreFixture,
} from '../testing/eventstore.fixture';
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

async function drain(runner: ProjectionRunner, expected: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await fixture.totalCounted()) < expected && Date.now() < deadline) await runner.runOnce();
}

it('applies each event once, in order, across batches claimed ahead and re-published copies', async () => {
  const events = sessions(4, 'tx-ahead');
  await appender.append(events);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await appender.append(events.slice(2, 7));
  const projection = new CountingProjection();
  const runner = fixture.runner(projection, true, { claimAhead: true, batchSizeMax: 3 });
  await drain(runner, events.length);
  await runner.runOnce();
  await runner.stop();
  expect(projection.applied).toEqual(events.map((e) => e.id));
  expect(await fixture.totalCounted()).toBe(events.length);
  expect(await fixture.processedCount()).toBe(events.length);
});

it('hands back the batch claimed ahead when an ordered batch fails, so order holds', async () => {
  const events = sessions(3, 'tx-fail');
  const second = events[1];
  if (second === undefined) throw new Error('no events');
  const projection = new CountingProjection();
  projection.failing.add(second.id);
  await appender.append(events);
  const runner = fixture.runner(projection, true, { claimAhead: true, batchSizeMax: 2 });
  await runner.runOnce();
  expect(projection.applied).toEqual([events[0]?.id]);

  projection.failing.clear();
  await drain(runner, events.length);
  await runner.stop();
  expect(projection.applied).toEqual(events.map((e) => e.id));
  expect(await fixture.processedCount()).toBe(events.length);
});

it('replays a dead letter whose event the batch ahead also holds, without waiting on it', async () => {
  const [started, recorded, ended] = sessions(1, 'tx-replay');
  if (started === undefined || recorded === undefined || ended === undefined)
    throw new Error('no events');
  const projection = new CountingProjection();
  projection.failing.add(recorded.id);
  await appender.append([started, recorded, ended]);
  const first = fixture.runner(projection, false);
  for (
    let i = 0;
    i < 6 && (await fixture.deadLetters.list(COUNTING_CONSUMER, 10)).length < 1;
    i++
  ) {
    await first.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(await fixture.totalCounted()).toBe(2);
  projection.failing.clear();

  // After the duplicate window, a copy of the dead-lettered event lands in the second batch.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const [fillerStarted, fillerRecorded, fillerEnded] = sessions(1, 'tx-filler');
  if (fillerStarted === undefined || fillerRecorded === undefined || fillerEnded === undefined)
    throw new Error('no events');
  await appender.append([fillerStarted, fillerRecorded]);
  await appender.append([recorded]);
  await appender.append([fillerEnded]);
  const runner = fixture.runner(projection, false, { claimAhead: true, batchSizeMax: 2 });
  await runner.runOnce();
  expect(await fixture.deadLetters.requestReplay(COUNTING_CONSUMER)).toBe(1);

  const replayStartedAt = Date.now();
  await runner.runOnce();
  expect(Date.now() - replayStartedAt).toBeLessThan(5_000);
  await runner.stop();
  const [letter] = await fixture.deadLetters.list(COUNTING_CONSUMER, 10);
  expect(letter).toMatchObject({ replay_error: null });
  expect(letter?.replayed_at).toBeInstanceOf(Date);
  expect(await fixture.totalCounted()).toBe(6);
  expect(projection.applied.filter((id) => id === recorded.id)).toHaveLength(1);
});
