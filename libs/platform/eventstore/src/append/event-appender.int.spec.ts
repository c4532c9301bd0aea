/**
 * Appending against a real nats-server: optimistic concurrency on the aggregate subject,
 * server-side dedupe of a retried event id, bounded pipelining, and the command helper
 * that reloads and decides again after a conflict.
 */
import { aChargingSession } from '@chargeledger/testing';
import { startEventstoreFixture, type EventstoreFixture } from '../testing/eventstore.fixture';
import { ConcurrencyError } from './append-errors';
import { executeAggregateCommand } from './aggregate-command';
import { EventAppender } from './event-appender';

let fixture: EventstoreFixture;
let appender: EventAppender;

beforeAll(async () => {
  fixture = await startEventstoreFixture({
    duplicateWindowMs: 120_000,
    ackWaitMs: 1_000,
    maxDeliver: 3,
  });
  appender = new EventAppender(fixture.js, {
    inFlightMax: 32,
    attemptsMax: 3,
    publishTimeoutMs: 5_000,
    retryDelayMs: 50,
  });
});
afterAll(() => fixture.cleanup());

function sessionEvents(transactionId: string) {
  const [started, recorded, ended] = aChargingSession()
    .withTransaction(transactionId)
    .withReading(10, '2000')
    .endingAfter(20, '3000')
    .events(fixture.suite.namespace);
  if (started === undefined || recorded === undefined || ended === undefined)
    throw new Error('builder emits three events');
  return { started, recorded, ended };
}

it('appends to a new aggregate, refuses a stale expectation, and accepts the right one', async () => {
  const { started, recorded } = sessionEvents('tx-concurrency');
  const [first] = await appender.appendToAggregate([started], 0);
  expect(first).toMatchObject({ eventId: started.id, duplicate: false });
  await expect(appender.appendToAggregate([recorded], 0)).rejects.toBeInstanceOf(ConcurrencyError);
  const [second] = await appender.appendToAggregate([recorded], first?.sequence ?? -1);
  expect(second?.sequence).toBeGreaterThan(first?.sequence ?? Infinity);
});

it('chains the expectation through a multi-event append', async () => {
  const { started, recorded, ended } = sessionEvents('tx-chain');
  const results = await appender.appendToAggregate([started, recorded, ended], 0);
  expect(results.map((r) => r.duplicate)).toEqual([false, false, false]);
  expect(new Set(results.map((r) => r.sequence)).size).toBe(3);
});

it('treats a retried event id as already stored, even with its original expectation', async () => {
  const { started } = sessionEvents('tx-retry');
  const [stored] = await appender.appendToAggregate([started], 0);
  const [retried] = await appender.appendToAggregate([started], 0);
  expect(retried).toEqual({ eventId: started.id, sequence: stored?.sequence, duplicate: true });
});

it('pipelines independent events and keeps each exactly once', async () => {
  const events = Array.from({ length: 300 }, (_, i) => sessionEvents(`tx-bulk-${i}`).started);
  const first = await appender.append(events);
  expect(first.every((r) => !r.duplicate)).toBe(true);
  expect(new Set(first.map((r) => r.sequence)).size).toBe(300);
  const again = await appender.append(events);
  expect(again.every((r) => r.duplicate)).toBe(true);
  expect(again.map((r) => r.sequence)).toEqual(first.map((r) => r.sequence));
});

it('reloads and decides again after a concurrency conflict, a bounded number of times', async () => {
  const { started, recorded } = sessionEvents('tx-command');
  const [stored] = await appender.appendToAggregate([started], 0);
  const versions = [0, stored?.sequence ?? -1];
  let loads = 0;
  const results = await executeAggregateCommand(
    appender,
    {
      load: () =>
        Promise.resolve({ state: 'started', version: versions[Math.min(loads++, 1)] ?? 0 }),
      decide: () => [recorded],
    },
    'record',
    { attemptsMax: 3, reloadDelayMs: 10 },
  );
  expect(loads).toBe(2);
  expect(results[0]?.duplicate).toBe(false);

  const stale = {
    load: () => Promise.resolve({ state: 'x', version: 0 }),
    decide: () => [sessionEvents('tx-command').ended],
  };
  await expect(
    executeAggregateCommand(appender, stale, 'end', { attemptsMax: 2, reloadDelayMs: 10 }),
  ).rejects.toBeInstanceOf(ConcurrencyError);
});
