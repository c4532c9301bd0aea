/**
 * The exactly-once guard in SQL. Claiming inserts the batch's event ids in one statement
 * and skips every event seen before (redelivered, or re-published after the duplicate
 * window). The checkpoint only ever moves forward.
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import { partitionOfSubject, type ConsumedEvent } from './consumed-event';

/**
 * The key of an event in processed_events. Postgres returns a uuid in lowercase, and an
 * envelope may spell it in uppercase (the envelope schema allows both): compared as
 * written, such an event would be recorded as processed and never applied.
 */
export function processedEventKey(event: ConsumedEvent): string {
  return event.envelope.id.toLowerCase();
}

const seenRows = z.array(z.object({ event_id: z.string() }));

/** Records the events as processed and returns those not seen before, in batch order. */
export async function claimNewEvents(
  tx: QueryRunner,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<ConsumedEvent[]> {
  if (events.length === 0) return [];
  // Two copies of one event inside a batch: only the first is claimed and applied.
  const firstCopy = new Map<string, ConsumedEvent>();
  for (const event of events) {
    const key = processedEventKey(event);
    if (!firstCopy.has(key)) firstCopy.set(key, event);
  }
  const unique = [...firstCopy.values()];
  // The statement returns the ids seen before rather than those it claimed: usually
  // there are none, so a batch costs no result rows to transfer, parse and validate.
  const rows: unknown = await tx.query(
    `WITH claimed AS (
       INSERT INTO processed_events (consumer, event_id, operator_id, stream_sequence)
       SELECT $1, id, operator, sequence FROM unnest($2::uuid[], $3::text[], $4::bigint[]) AS t(id, operator, sequence)
       ON CONFLICT DO NOTHING RETURNING event_id)
     SELECT id::text AS event_id FROM unnest($2::uuid[]) AS t(id)
     EXCEPT SELECT event_id::text FROM claimed`,
    [
      consumer,
      [...firstCopy.keys()],
      unique.map((e) => e.envelope.operatorid),
      unique.map((e) => e.streamSequence),
    ],
  );
  for (const row of seenRows.parse(rows)) firstCopy.delete(row.event_id);
  return [...firstCopy.values()];
}

export async function advanceCheckpoints(
  tx: QueryRunner,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<void> {
  // Highest sequence per stream, then per partition: no key string built per event.
  const highest = new Map<string, Map<number, number>>();
  for (const event of events) {
    const partition = partitionOfSubject(event.subject);
    const ofStream = highest.get(event.stream) ?? new Map<number, number>();
    highest.set(event.stream, ofStream);
    if ((ofStream.get(partition) ?? -1) < event.streamSequence)
      ofStream.set(partition, event.streamSequence);
  }
  // Rows are locked in one fixed order, so two transactions advancing the same
  // checkpoints (replicas sharing a durable) wait for each other instead of deadlocking.
  const marks = [...highest]
    .flatMap(([stream, ofStream]) =>
      [...ofStream].map(([partition, sequence]) => ({ stream, partition, sequence })),
    )
    .sort((a, b) =>
      a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : a.partition - b.partition,
    );
  if (marks.length === 0) return;
  await tx.query(
    `INSERT INTO consumer_checkpoints (consumer, stream, partition, last_sequence)
     SELECT $1, stream, partition, sequence FROM unnest($2::text[], $3::smallint[], $4::bigint[]) AS t(stream, partition, sequence)
     ON CONFLICT (consumer, stream, partition)
     DO UPDATE SET last_sequence = GREATEST(consumer_checkpoints.last_sequence, EXCLUDED.last_sequence)`,
    [
      consumer,
      marks.map((m) => m.stream),
      marks.map((m) => m.partition),
      marks.map((m) => m.sequence),
    ],
  );
}
