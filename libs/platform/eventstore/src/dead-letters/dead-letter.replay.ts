/**
 * Re-processes dead letters whose replay was requested, through the consumer's own path
 * for live messages (so the exactly-once guard holds), and marks each replayed, or records
 * why it still fails. Runs inside the consumer that owns them: a projection re-applies,
 * a reactor reacts and publishes again.
 */
import type { DataSource } from 'typeorm';
import { EventDecodeError, type EventCatalog } from '@chargeledger/contracts';
import type { ConsumedEvent } from '../consume/consumed-event';
import type { DeadLetterQueries } from './dead-letter.queries';

export interface ReplayContext {
  readonly dataSource: DataSource;
  readonly catalog: EventCatalog;
  readonly deadLetters: DeadLetterQueries;
  /** The name the dead letters are filed under. */
  readonly consumer: string;
  readonly limit: number;
  /** Processes one event as if it were live; throws when it still fails. */
  readonly process: (event: ConsumedEvent) => Promise<void>;
}

/** Looks for requested replays at most once per `pollMs`, so a busy consumer pays little. */
export class DeadLetterReplayer {
  private lastPollAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly context: ReplayContext,
    private readonly pollMs: number,
  ) {}

  async replayIfDue(): Promise<number> {
    if (Date.now() - this.lastPollAtMs < this.pollMs) return 0;
    this.lastPollAtMs = Date.now();
    return replayRequestedDeadLetters(this.context);
  }
}

export async function replayRequestedDeadLetters(context: ReplayContext): Promise<number> {
  const { dataSource, catalog, deadLetters, consumer } = context;
  const pending = await deadLetters.pendingReplays(consumer, context.limit);
  for (const letter of pending) {
    const where = [consumer, letter.stream, letter.stream_sequence];
    let failure: string | undefined;
    try {
      await context.process({
        envelope: catalog.decode(letter.payload),
        stream: letter.stream,
        streamSequence: letter.stream_sequence,
        subject: letter.subject,
      });
    } catch (error) {
      failure =
        error instanceof EventDecodeError || error instanceof Error ? error.message : String(error);
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
