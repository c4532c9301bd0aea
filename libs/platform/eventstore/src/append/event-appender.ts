/**
 * Appends events to JetStream. The event id is the `Nats-Msg-Id`, so every retry of the
 * same event is deduped by the server; retries are bounded with backoff. Independent
 * events are pipelined with a bounded number in flight; an aggregate append states the
 * subject sequence it expects and chains the expectation through its events, so a
 * concurrent writer surfaces as a ConcurrencyError instead of a fork.
 */
import type { JetStreamClient, PubAck } from 'nats';
import type { EventEnvelope } from '@chargeledger/contracts';
import { publishEnvelope } from '@chargeledger/platform/messaging';
import { ConcurrencyError, isWrongLastSequence } from './append-errors';
import { publishWithRetries } from './publish-retries';

export interface AppenderOptions {
  readonly inFlightMax: number;
  readonly attemptsMax: number;
  readonly publishTimeoutMs: number;
  readonly retryDelayMs: number;
}

export const DEFAULT_APPENDER_OPTIONS: AppenderOptions = {
  inFlightMax: 256,
  attemptsMax: 5,
  publishTimeoutMs: 5_000,
  retryDelayMs: 200,
};

export interface AppendResult {
  readonly eventId: string;
  readonly sequence: number;
  readonly duplicate: boolean;
}

export class EventAppender {
  constructor(
    private readonly js: JetStreamClient,
    private readonly options: AppenderOptions = DEFAULT_APPENDER_OPTIONS,
  ) {
    if (options.inFlightMax < 1 || options.attemptsMax < 1)
      throw new RangeError('inFlightMax and attemptsMax must be >= 1');
  }

  /** Appends events with no expectation, up to `inFlightMax` publishes at a time. */
  async append(events: readonly EventEnvelope[]): Promise<AppendResult[]> {
    const results = new Array<AppendResult>(events.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < events.length; index = next++) {
        const event = events[index];
        if (event === undefined) continue;
        results[index] = toResult(event, await this.publishWithRetry(event, undefined));
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.options.inFlightMax, events.length) }, worker),
    );
    return results;
  }

  /**
   * Appends an aggregate's new events to its subject, expecting the subject's last
   * sequence to be `expectedLastSubjectSequence` (0 = the aggregate is new).
   */
  async appendToAggregate(
    events: readonly EventEnvelope[],
    expectedLastSubjectSequence: number,
  ): Promise<AppendResult[]> {
    const subject = events[0]?.subject;
    if (subject === undefined) return [];
    if (events.some((event) => event.subject !== subject))
      throw new RangeError('an aggregate append targets one subject');
    const results: AppendResult[] = [];
    let expected = expectedLastSubjectSequence;
    for (const event of events) {
      const ack = await this.publishWithRetry(event, expected);
      results.push(toResult(event, ack));
      expected = ack.seq;
    }
    return results;
  }

  private publishWithRetry(event: EventEnvelope, expected: number | undefined): Promise<PubAck> {
    return publishWithRetries(this.options, event.id, async () => {
      try {
        return await publishEnvelope(this.js, event, {
          timeoutMs: this.options.publishTimeoutMs,
          ...(expected === undefined ? {} : { expectedLastSubjectSequence: expected }),
        });
      } catch (error) {
        if (expected !== undefined && isWrongLastSequence(error))
          throw new ConcurrencyError(event.subject, expected);
        throw error;
      }
    });
  }
}

function toResult(event: EventEnvelope, ack: PubAck): AppendResult {
  return { eventId: event.id, sequence: ack.seq, duplicate: ack.duplicate };
}
