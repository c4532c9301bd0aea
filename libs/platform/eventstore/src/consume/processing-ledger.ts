/**
 * The exactly-once guard in SQL. Claiming inserts the batch's event ids in one statement,
 * and every event seen before (redelivered, or re-published after the duplicate window)
 * is skipped: a batch is first claimed as if all were new, and only when the unique key
 * refuses that is it claimed again skipping the seen ones. The checkpoint only ever moves
 * forward.
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import { bigintArrayParam, textArrayParam, uuidArrayParam } from './binary-array.param';
import { partitionOfSubject, type ConsumedEvent } from './consumed-event';
import type { Statement } from './batch-connection';

/**
 * The key of an event in processed_events. Postgres returns a uuid in lowercase, and an
 * envelope may spell it in uppercase (the envelope schema allows both): compared as
 * written, such an event would be recorded as processed and never applied.
 */
export function processedEventKey(event: ConsumedEvent): string {
  return event.envelope.id.toLowerCase();
}

const seenRows = z.array(z.object({ event_id: z.string() }));

/** How a batch is recorded as processed, and how to read what each statement returns. */
export interface Claim {
  /**
   * Records every event as new with a plain insert, which costs Postgres a third less than
   * one that skips conflicts. It fails with a unique violation (see `isSeenBefore`) if any
   * event was processed before; `skippingSeen` is then the claim to make instead.
   */
  readonly firstSight: Statement;
  /** The batch's events, first copies only, in batch order: what `firstSight` claimed. */
  readonly unique: readonly ConsumedEvent[];
  /** Records the events not seen before and returns the ids of those that were. */
  readonly skippingSeen: Statement;
  /** The events not seen before, in batch order, given `skippingSeen`'s rows. */
  readonly fresh: (rows: unknown) => ConsumedEvent[];
}

const CLAIMED_ROWS = `SELECT $1, id, operator, sequence
       FROM unnest($2::uuid[], $3::text[], $4::bigint[]) AS t(id, operator, sequence)`;

/** The claim of a non-empty batch. */
export function claimOf(consumer: string, events: readonly ConsumedEvent[]): Claim {
  // Two copies of one event inside a batch: only the first is claimed and applied.
  const firstCopy = new Map<string, ConsumedEvent>();
  for (const event of events) {
    const key = processedEventKey(event);
    if (!firstCopy.has(key)) firstCopy.set(key, event);
  }
  const unique = [...firstCopy.values()];
  const values = [
    consumer,
    uuidArrayParam([...firstCopy.keys()]),
    textArrayParam(unique.map((e) => e.envelope.operatorid)),
    bigintArrayParam(unique.map((e) => e.streamSequence)),
  ];
  return {
    firstSight: {
      name: 'claim-first-sight',
      text: `INSERT INTO processed_events (consumer, event_id, operator_id, stream_sequence)
       ${CLAIMED_ROWS}`,
      values,
    },
    unique,
    // Returns the ids seen before rather than those it claimed: after a crash or a
    // re-publication usually few are, so little comes back to transfer and parse.
    skippingSeen: {
      text: `WITH claimed AS (
       INSERT INTO processed_events (consumer, event_id, operator_id, stream_sequence)
       ${CLAIMED_ROWS}
       ON CONFLICT DO NOTHING RETURNING event_id)
     SELECT id::text AS event_id FROM unnest($2::uuid[]) AS t(id)
     EXCEPT SELECT event_id::text FROM claimed`,
      values,
    },
    fresh: (rows) => {
      const fresh = new Map(firstCopy);
      for (const row of seenRows.parse(rows)) fresh.delete(row.event_id);
      return [...fresh.values()];
    },
  };
}

/** Whether a claim's plain insert failed because an event was processed before. */
export function isSeenBefore(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    error.code === '23505' &&
    'table' in error &&
    error.table === 'processed_events'
  );
}

/** Records the events as processed and returns those not seen before, in batch order. */
export async function claimNewEvents(
  tx: QueryRunner,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<ConsumedEvent[]> {
  if (events.length === 0) return [];
  const { skippingSeen, fresh } = claimOf(consumer, events);
  return fresh(await tx.query(skippingSeen.text, skippingSeen.values && [...skippingSeen.values]));
}

/** The statement moving the checkpoints past the events; undefined for no events. */
export function checkpointStatement(
  consumer: string,
  events: readonly ConsumedEvent[],
): Statement | undefined {
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
  if (marks.length === 0) return undefined;
  return {
    name: 'advance-checkpoints',
    text: `INSERT INTO consumer_checkpoints (consumer, stream, partition, last_sequence)
     SELECT $1, stream, partition, sequence FROM unnest($2::text[], $3::smallint[], $4::bigint[]) AS t(stream, partition, sequence)
     ON CONFLICT (consumer, stream, partition)
     DO UPDATE SET last_sequence = GREATEST(consumer_checkpoints.last_sequence, EXCLUDED.last_sequence)`,
    values: [
      consumer,
      marks.map((m) => m.stream),
      marks.map((m) => m.partition),
      marks.map((m) => m.sequence),
    ],
  };
}

export async function advanceCheckpoints(
  tx: QueryRunner,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<void> {
  const statement = checkpointStatement(consumer, events);
  if (statement !== undefined)
    await tx.query(statement.text, statement.values && [...statement.values]);
}
