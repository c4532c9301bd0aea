/**
 * Reading dead letters and requesting their replay: plain SQL on the service's
 * `dead_letters` table, usable from an operator command without a NATS connection.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';

export const deadLetterRow = z.object({
  consumer: z.string(),
  stream: z.string(),
  stream_sequence: z.coerce.number(),
  subject: z.string(),
  event_id: z.string().nullable(),
  error_code: z.string(),
  error_message: z.string(),
  delivery_count: z.number(),
  dead_lettered_at: z.date(),
  replay_requested_at: z.date().nullable(),
  replayed_at: z.date().nullable(),
  replay_error: z.string().nullable(),
});
export type DeadLetterRow = z.infer<typeof deadLetterRow>;

export const pendingReplayRow = z.object({
  stream: z.string(),
  stream_sequence: z.coerce.number(),
  subject: z.string(),
  payload: z.instanceof(Buffer),
});
export type PendingReplay = z.infer<typeof pendingReplayRow>;

const LISTED_COLUMNS =
  'consumer, stream, stream_sequence, subject, event_id, error_code, error_message, delivery_count, dead_lettered_at, replay_requested_at, replayed_at, replay_error';
const LIST_LIMIT_MAX = 1_000;

export class DeadLetterQueries {
  constructor(protected readonly dataSource: DataSource) {}

  async list(consumer: string | undefined, limit: number): Promise<DeadLetterRow[]> {
    const bounded = Math.min(Math.max(1, limit), LIST_LIMIT_MAX);
    const rows: unknown = await this.dataSource.query(
      `SELECT ${LISTED_COLUMNS} FROM dead_letters WHERE ($1::text IS NULL OR consumer = $1)
       ORDER BY dead_lettered_at, consumer, stream, stream_sequence LIMIT $2`,
      [consumer ?? null, bounded],
    );
    return z.array(deadLetterRow).parse(rows);
  }

  /** Marks dead letters of a consumer for replay; the running consumer picks them up. */
  async requestReplay(consumer: string, sequences?: readonly number[]): Promise<number> {
    // A CTE, because TypeORM returns [rows, count] for a bare UPDATE but rows for a SELECT.
    const rows: unknown = await this.dataSource.query(
      `WITH marked AS (
         UPDATE dead_letters SET replay_requested_at = now(), replay_error = NULL
         WHERE consumer = $1 AND replayed_at IS NULL AND ($2::bigint[] IS NULL OR stream_sequence = ANY($2))
         RETURNING 1)
       SELECT count(*)::int AS marked FROM marked`,
      [consumer, sequences === undefined ? null : [...sequences]],
    );
    return z.array(z.object({ marked: z.number() })).parse(rows)[0]?.marked ?? 0;
  }

  async pendingReplays(consumer: string, limit: number): Promise<PendingReplay[]> {
    const rows: unknown = await this.dataSource.query(
      `SELECT stream, stream_sequence, subject, payload FROM dead_letters
       WHERE consumer = $1 AND replay_requested_at IS NOT NULL AND replayed_at IS NULL
       ORDER BY stream, stream_sequence LIMIT $2`,
      [consumer, limit],
    );
    return z.array(pendingReplayRow).parse(rows);
  }
}
