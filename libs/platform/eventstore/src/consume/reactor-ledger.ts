/**
 * A reactor's bookkeeping in Postgres. Its effect is a publish, which cannot join a SQL
 * transaction, so the guard is split: before reacting, events already recorded as
 * processed are skipped; after the publish, the events are recorded (with the same
 * `claimNewEvents` as projections) and the checkpoints advanced, in one transaction.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { ConsumedEvent } from './consumed-event';
import { advanceCheckpoints, claimNewEvents } from './processing-ledger';

/** Ids among `events` that `consumer` has already recorded as processed. */
export async function processedEventIds(
  dataSource: DataSource,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows: unknown = await dataSource.query(
    'SELECT event_id FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])',
    [consumer, events.map((e) => e.envelope.id)],
  );
  return new Set(
    z
      .array(z.object({ event_id: z.string() }))
      .parse(rows)
      .map((r) => r.event_id),
  );
}

export async function recordProcessed(
  dataSource: DataSource,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const tx = dataSource.createQueryRunner();
  await tx.connect();
  try {
    await tx.startTransaction();
    await claimNewEvents(tx, consumer, events);
    await advanceCheckpoints(tx, consumer, events);
    await tx.commitTransaction();
  } catch (error) {
    if (tx.isTransactionActive) await tx.rollbackTransaction();
    throw error;
  } finally {
    await tx.release();
  }
}
