/**
 * The reactor runner against real nats-server and Postgres: a crash between publish and
 * record makes the reactor run again and republish the same derived ids, which the
 * stream dedupes; an event re-published after the duplicate window is skipped; invalid
 * messages, failing reactions and underived ids are dead-lettered; an ordered runner
 * keeps the order of its outputs across a failure.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { derivedEventId, type EventEnvelope } from '@chargeledger/contracts';
import { aChargingSession, type IsolatedSuite } from '@chargeledger/testing';
import {
  NoticingReactor,
  REACTOR_CONSUMER,
  SessionNoticedV1,
  startReactorFixture,
  type ReactorParts,
} from '../testing/reactor.fixture';
import type { ReactorRunner } from './reactor-runner';

let suite: IsolatedSuite | undefined;
let parts: ReactorParts;
const MAX_DELIVER = 2;

/** Each test picks the duplicate window it is about; messages redeliver after 1 s. */
async function setUp(duplicateWindowMs: number): Promise<void> {
  ({ suite, parts } = await startReactorFixture({
    duplicateWindowMs,
    ackWaitMs: 1_000,
    maxDeliver: MAX_DELIVER,
  }));
}
afterEach(async () => {
  if (suite === undefined) return;
  await parts.close();
  await suite.cleanup();
  suite = undefined;
});

function starts(count: number, prefix: string): EventEnvelope[] {
  return Array.from({ length: count }, (_, i) => {
    const [started] = aChargingSession().withTransaction(`${prefix}-${i}`).events(parts.namespace);
    if (started === undefined) throw new Error('the builder emits SessionStarted first');
    return started;
  });
}

const noticeIdOf = (cause: EventEnvelope): string =>
  derivedEventId(cause.id, SessionNoticedV1.type, 0);

async function drain(runner: ReactorRunner, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await done()) && Date.now() < deadline) await runner.runOnce();
}

it('republishes the same derived ids after a crash between publish and record', async () => {
  await setUp(120_000);
  const causes = starts(3, 'tx-crash');
  await parts.dependencies.appender.append(causes);
  const child = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', resolve(__dirname, '../testing/reactor-crash.script.ts')],
    {
      env: { ...process.env, REACTOR_FIXTURE: JSON.stringify(suite) },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  expect({ signal: child.signal, stderr: child.stderr }).toMatchObject({ signal: 'SIGKILL' });
  expect(await parts.outputIds()).toEqual(causes.map(noticeIdOf));
  expect(await parts.processedCount()).toBe(0);

  const reactor = new NoticingReactor(parts.namespace);
  await drain(
    parts.runner(reactor, true, MAX_DELIVER),
    async () => (await parts.processedCount()) === 3,
  );
  expect(reactor.reacted).toEqual(causes.map((c) => c.id));
  expect(await parts.outputIds()).toEqual(causes.map(noticeIdOf));
});

it('skips an event re-published after the duplicate window', async () => {
  await setUp(1_000);
  const [cause] = starts(1, 'tx-window');
  if (cause === undefined) throw new Error('no event');
  await parts.dependencies.appender.append([cause]);
  const reactor = new NoticingReactor(parts.namespace);
  const runner = parts.runner(reactor, false, MAX_DELIVER);
  await drain(runner, async () => (await parts.processedCount()) === 1);
  await new Promise((r) => setTimeout(r, 1_500));
  const [again] = await parts.dependencies.appender.append([cause]);
  expect(again?.duplicate).toBe(false);

  await runner.runOnce();
  expect(reactor.reacted).toEqual([cause.id]);
  expect(await parts.outputIds()).toEqual([noticeIdOf(cause)]);
  const info = await (
    await parts.connection.jetstreamManager()
  ).consumers.info(`${parts.namespace.streamPrefix}EVT_INGESTION`, REACTOR_CONSUMER);
  expect({ pending: info.num_pending, unacked: info.num_ack_pending }).toEqual({
    pending: 0,
    unacked: 0,
  });
});

it('dead-letters an invalid message at once, and failing or underived reactions at max deliver', async () => {
  await setUp(120_000);
  const [good, failing, underived] = starts(3, 'tx-poison');
  if (good === undefined || failing === undefined || underived === undefined)
    throw new Error('no events');
  await parts.js.publish(good.subject, '{"not":"an envelope"}', { msgID: 'garbage-1' });
  await parts.dependencies.appender.append([good, failing, underived]);
  const reactor = new NoticingReactor(parts.namespace);
  reactor.failing.add(failing.id);
  const randomId = (): Promise<readonly EventEnvelope[]> =>
    Promise.resolve([
      { ...good, id: '0190e7d6-5a4c-7cc2-9d6f-3b8f0b2a1c11', causationid: underived.id },
    ]);
  const runner = parts.runner(
    { react: (event) => (event.envelope.id === underived.id ? randomId() : reactor.react(event)) },
    false,
    MAX_DELIVER,
  );
  const letters = () => parts.dependencies.deadLetters.list(REACTOR_CONSUMER, 10);
  for (let i = 0; i < 10 && (await letters()).length < 3; i++) {
    await runner.runOnce();
    await new Promise((r) => setTimeout(r, 150));
  }

  const dead = await letters();
  expect(dead.map((l) => l.error_code).sort()).toEqual([
    'EVENT.INVALID_ENVELOPE',
    'REACTOR.REACTION_FAILED',
    'REACTOR.REACTION_FAILED',
  ]);
  expect(dead.find((l) => l.event_id === underived.id)?.error_message).toContain(
    'REACTOR.UNDERIVED_ID',
  );
  expect(dead.find((l) => l.event_id === failing.id)?.delivery_count).toBe(MAX_DELIVER);
  expect(await parts.outputIds()).toEqual([noticeIdOf(good)]);
  expect(await parts.processedCount()).toBe(1);

  // After the fix, a requested replay reacts once more and publishes the derived event once.
  reactor.failing.clear();
  expect(await parts.dependencies.deadLetters.requestReplay(REACTOR_CONSUMER, [])).toBe(0);
  const failingLetter = dead.find((l) => l.event_id === failing.id);
  if (failingLetter === undefined) throw new Error('the failing reaction was not dead-lettered');
  expect(
    await parts.dependencies.deadLetters.requestReplay(REACTOR_CONSUMER, [
      failingLetter.stream_sequence,
    ]),
  ).toBe(1);
  await runner.runOnce();
  await runner.runOnce();
  expect((await parts.outputIds()).sort()).toEqual([noticeIdOf(good), noticeIdOf(failing)].sort());
  expect(await parts.processedCount()).toBe(2);
  const replayed = (await letters()).find((l) => l.event_id === failing.id);
  expect(replayed?.replayed_at).toBeInstanceOf(Date);
});

it('stops an ordered runner at the first failure and keeps the output order', async () => {
  await setUp(120_000);
  const causes = starts(3, 'tx-ordered');
  const second = causes[1];
  if (second === undefined) throw new Error('no events');
  await parts.dependencies.appender.append(causes);
  const reactor = new NoticingReactor(parts.namespace);
  reactor.failing.add(second.id);
  const runner = parts.runner(reactor, true, 10);
  await runner.runOnce();
  expect(await parts.outputIds()).toEqual([noticeIdOf(causes[0] ?? second)]);

  reactor.failing.clear();
  await drain(runner, async () => (await parts.processedCount()) === 3);
  expect(await parts.outputIds()).toEqual(causes.map(noticeIdOf));
});
