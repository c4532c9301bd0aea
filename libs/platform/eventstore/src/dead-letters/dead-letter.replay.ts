/**
 * Re-applies dead letters whose replay was requested, through the same batch path as live
 * messages (so the exactly-once guard holds), and marks each replayed, or records why it
 * still fails. Runs inside the consumer that owns the projection.
 */
import type { DataSource } from 'typeorm';
import { EventDecodeError, type EventCatalog } from '@chargeledger/contracts';
import type { ConsumedEvent } from '../consume/consumed-event';
import { applyBatch } from '../consume/projection-batch';
import type { Projection } from '../consume/projection';
import type { DeadLetterStore } from './dead-letter.store';

export async function replayRequestedDeadLetters(context: {
  dataSource: DataSource;
  catalog: EventCatalog;
  deadLetters: DeadLetterStore;
  projection: Projection;
  limit: number;
}): Promise<number> {
  const { dataSource, catalog, deadLetters, projection } = context;
  const pending = await deadLetters.pendingReplays(projection.consumer, context.limit);
  for (const letter of pending) {
    const where = [projection.consumer, letter.stream, letter.stream_sequence];
    let failure: string | undefined;
    try {
      const event: ConsumedEvent = {
        envelope: catalog.decode(letter.payload),
        stream: letter.stream,
        streamSequence: letter.stream_sequence,
        subject: letter.subject,
      };
      const outcome = await applyBatch(dataSource, projection, [event], true);
      const firstFailure = outcome.failed[0];
      if (firstFailure !== undefined) failure = String(firstFailure.error);
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      failure = error.message;
    }
    await dataSource.query(
      failure === undefined
        ? 'UPDATE dead_letters SET replayed_at = now() WHERE consumer = $1 AND stream = $2 AND stream_sequence = $3'
        : 'UPDATE dead_letters SET replay_requested_at = NULL, replay_error = $4 WHERE consumer = $1 AND stream = $2 AND stream_sequence = $3',
      failure === undefined ? where : [...where, failure.slice(0, 10_000)],
    );
  }
  return pending.length;
}
