/**
 * A batch's claim on real Postgres: a batch of new events is claimed by the plain insert;
 * one holding events processed before is claimed again skipping them, still as one batch,
 * and its commit applies only the new events.
 */
import { eventCatalog } from '@chargeledger/contracts';
import {
  CountingProjection,
  countedSessions,
  startEventstoreFixture,
  type EventstoreFixture,
} from '../testing/eventstore.fixture';
import type { ConsumedEvent } from './consumed-event';
import { applyBatch, claimBatch, commitBatch } from './projection-batch';

let fixture: EventstoreFixture;

beforeAll(async () => {
  fixture = await startEventstoreFixture({
    duplicateWindowMs: 1_000,
    ackWaitMs: 1_000,
    maxDeliver: 2,
  });
});
afterAll(() => fixture.cleanup());

/** The events as a runner hands them over, numbered from `firstSequence` on. */
function consumed(prefix: string, sessions: number, firstSequence: number): ConsumedEvent[] {
  return countedSessions(fixture, sessions, prefix).map((event, index) => ({
    envelope: eventCatalog.decode(JSON.stringify(event)),
    stream: fixture.stream,
    streamSequence: firstSequence + index,
    subject: event.subject,
  }));
}

const ids = (events: readonly ConsumedEvent[]): string[] => events.map((e) => e.envelope.id);

it('claims a batch of new events whole, then skips the seen ones of a later batch', async () => {
  const projection = new CountingProjection();
  const first = consumed('claim-first', 2, 1);
  const claimedFirst = await claimBatch(fixture.dataSource, projection.consumer, first);
  expect(ids(claimedFirst.fresh)).toEqual(ids(first));
  await commitBatch(claimedFirst, projection);

  const later = consumed('claim-later', 2, 100);
  // Redelivered events, a copy inside the batch, and new ones, interleaved.
  const mixed = [first[1], later[0], first[0], later[1], later[0], ...later.slice(2), first[2]];
  const claimedMixed = await claimBatch(
    fixture.dataSource,
    projection.consumer,
    mixed.flatMap((e) => (e === undefined ? [] : [e])),
  );
  expect(ids(claimedMixed.fresh)).toEqual(ids(later));
  await commitBatch(claimedMixed, projection);

  expect(projection.applied).toEqual([...ids(first), ...ids(later)]);
  expect(await fixture.totalCounted()).toBe(first.length + later.length);
  expect(await fixture.processedCount()).toBe(first.length + later.length);
});

it('applies a batch of only seen events as a no-op that still commits', async () => {
  const projection = new CountingProjection();
  const events = consumed('claim-again', 1, 200);
  await applyBatch(fixture.dataSource, projection, events, true);
  const counted = await fixture.totalCounted();

  const outcome = await applyBatch(fixture.dataSource, projection, events, true);
  expect(outcome.committed).toEqual(events);
  expect(outcome.failed).toEqual([]);
  expect(projection.applied).toEqual(ids(events));
  expect(await fixture.totalCounted()).toBe(counted);
});
