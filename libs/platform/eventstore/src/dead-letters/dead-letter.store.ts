/**
 * Dead letters. A message a consumer cannot process (invalid at the boundary, or failing
 * past max deliver) is written to the `DLQ` stream on `dlq.<consumer>` with its origin and
 * error in headers, and to the service's `dead_letters` table; only then is it termed.
 * Both writes are idempotent on (consumer, stream, sequence), so a crash in between just
 * repeats them. Replay is requested here and performed by the owning runner.
 */
import { headers, type JetStreamClient, type JsMsg } from 'nats';
import type { DataSource } from 'typeorm';
import type { Subjects } from '@chargeledger/contracts';
import { DeadLetterQueries } from './dead-letter.queries';

export interface DeadLetterCause {
  readonly code: string;
  readonly message: string;
  readonly eventId?: string;
  readonly operatorId?: string;
}

export class DeadLetterStore extends DeadLetterQueries {
  constructor(
    dataSource: DataSource,
    private readonly js: JetStreamClient,
    private readonly subjects: Subjects,
  ) {
    super(dataSource);
  }

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
}
