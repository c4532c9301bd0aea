/**
 * The exactly-once guard in SQL. Claiming inserts the batch's event ids in one statement
 * and returns those that were new: an event seen before (redelivered, or re-published
 * after the duplicate window) is skipped. The checkpoint only ever moves forward.
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import { partitionOfSubject, type ConsumedEvent } from './consumed-event';

export async function claimNewEvents(
  tx: QueryRunner,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<ConsumedEvent[]> {
  if (events.length === 0) return [];
  const rows: unknown = await tx.query(
    `INSERT INTO processed_events (consumer, event_id, operator_id, stream_sequence)
     SELECT $1, id, operator, sequence FROM unnest($2::uuid[], $3::text[], $4::bigint[]) AS t(id, operator, sequence)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [
      consumer,
      events.map((e) => e.envelope.id),
      events.map((e) => e.envelope.operatorid),
      events.map((e) => e.streamSequence),
    ],
  );
  const claimed = new Set(
    z
      .array(z.object({ event_id: z.string() }))
      .parse(rows)
      .map((r) => r.event_id),
  );
  // Two copies of one event inside a batch: only the first is applied.
  return events.filter((event) => claimed.delete(event.envelope.id));
}

export async function advanceCheckpoints(
  tx: QueryRunner,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<void> {
  const highest = new Map<string, { stream: string; partition: number; sequence: number }>();
  for (const event of events) {
    const partition = partitionOfSubject(event.subject);
    const key = `${event.stream}/${partition}`;
    const current = highest.get(key);
    if (current === undefined || current.sequence < event.streamSequence) {
      highest.set(key, { stream: event.stream, partition, sequence: event.streamSequence });
    }
  }
  if (highest.size === 0) return;
  const marks = [...highest.values()];
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
