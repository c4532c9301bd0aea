/**
 * Dead letters. A message a consumer cannot process (invalid at the boundary, or failing
 * past max deliver) is written to the `DLQ` stream on `dlq.<consumer>` with its origin and
 * error in headers, and to the service's `dead_letters` table; only then is it termed.
 * Both writes are idempotent on (consumer, stream, sequence), so a crash in between just
 * repeats them. Replay is requested here and performed by the owning runner.
 */
import { headers, type JetStreamClient, type JsMsg } from 'nats';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Subjects } from '@chargeledger/contracts';

export interface DeadLetterCause {
  readonly code: string;
  readonly message: string;
  readonly eventId?: string;
  readonly operatorId?: string;
}

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

export class DeadLetterStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly js: JetStreamClient,
    private readonly subjects: Subjects,
  ) {}

  async record(message: JsMsg, consumer: string, cause: DeadLetterCause): Promise<void> {
    const { stream, streamSequence, deliveryCount } = message.info;
    const dlqHeaders = headers();
    dlqHeaders.set('Chargeledger-Original-Stream', stream);
    dlqHeaders.set('Chargeledger-Original-Sequence', String(streamSequence));
    dlqHeaders.set('Chargeledger-Original-Subject', message.subject);
    dlqHeaders.set('Chargeledger-Consumer', consumer);
    // Header values are one line: multi-line errors (zod reports) are folded.
    dlqHeaders.set(
      'Chargeledger-Error',
      `${cause.code}: ${cause.message}`.replace(/\s+/g, ' ').slice(0, 1_000),
    );
    await this.js.publish(this.subjects.deadLetter(consumer), message.data, {
      msgID: `${stream}:${streamSequence}:${consumer}`,
      headers: dlqHeaders,
    });
    await this.dataSource.query(
      `INSERT INTO dead_letters (consumer, stream, stream_sequence, subject, event_id, operator_id, error_code, error_message, delivery_count, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [
        consumer,
        stream,
        streamSequence,
        message.subject,
        cause.eventId ?? null,
        cause.operatorId ?? null,
        cause.code,
        cause.message.slice(0, 10_000),
        deliveryCount,
        Buffer.from(message.data),
      ],
    );
  }

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
    const rows: unknown = await this.dataSource.query(
      `UPDATE dead_letters SET replay_requested_at = now(), replay_error = NULL
       WHERE consumer = $1 AND replayed_at IS NULL AND ($2::bigint[] IS NULL OR stream_sequence = ANY($2))
       RETURNING stream_sequence`,
      [consumer, sequences === undefined ? null : [...sequences]],
    );
    return z.array(z.unknown()).parse(rows).length;
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
