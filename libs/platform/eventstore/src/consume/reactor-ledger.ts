/**
 * A reactor's bookkeeping in Postgres. Its effect is a publish, which cannot join a SQL
 * transaction, so the guard is split: before reacting, events already recorded as
 * processed are skipped; after the publish, the events are recorded and the checkpoints
 * advanced in one transaction, claimed and committed as a projection's batch is.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { ConsumedEvent } from './consumed-event';
import { claimBatch, commitBatch } from './projection-batch';

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

/** A reactor's effect is its publish: recording the events applies nothing else. */
const NOTHING_TO_APPLY = (): Promise<void> => Promise.resolve();

/** Records the events as processed and advances the checkpoints, in one transaction. */
export async function recordProcessed(
  dataSource: DataSource,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const claimed = await claimBatch(dataSource, consumer, events);
  await commitBatch(claimed, { consumer, apply: NOTHING_TO_APPLY });
}
