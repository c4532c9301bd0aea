/**
 * What every runner does around its own work. `PullIntake` pulls a bounded batch from a
 * durable, validates each message at the boundary (invalid → dead letter + term, never a
 * redelivery loop), and settles the outcome: ack what committed, nak what failed or was
 * not attempted, dead-letter a failure once it reaches max deliver. With `fetchAhead`, the
 * next batch is fetched and validated while the current one is worked on (at most one
 * ahead, so memory stays bounded), hiding the fetch round trip and the decoding behind
 * the database work; after a failure that batch is handed back, so an ordered consumer
 * never runs ahead of a message it nak'd. `RunLoop` repeats a runner's batch until
 * stopped, backing off after a failure.
 */
import type { Consumer, JetStreamClient, JsMsg } from 'nats';
import { EventDecodeError, type EventCatalog } from '@chargeledger/contracts';
import type { DeadLetterCause, DeadLetterStore } from '../dead-letters/dead-letter.store';
import { streamSequenceOfAckSubject, type ConsumedEvent } from './consumed-event';

export interface IntakeOptions {
  readonly js: JetStreamClient;
  readonly catalog: EventCatalog;
  readonly deadLetters: DeadLetterStore;
  /** Full stream name (with any namespace prefix) and the durable to pull from. */
  readonly stream: string;
  readonly durable: string;
  /** The name dead letters are filed under (and replayed for). */
  readonly deadLetterConsumer: string;
  readonly maxDeliver: number;
  readonly batchSizeMax: number;
  readonly fetchExpiresMs: number;
  readonly nakDelayMs: number;
  /** Fetch the next batch while this one is worked on (default off). */
  readonly fetchAhead?: boolean;
  /**
   * After a failure, pull nothing until the nak delay has passed: the server hands out
   * redeliveries before new messages, so the nak'd messages come back first and no later
   * message overtakes them.
   */
  readonly ordered: boolean;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

export interface Intake {
  /** Valid events in stream order, each with the message that carried it. */
  readonly messageOf: ReadonlyMap<ConsumedEvent, JsMsg>;
  readonly size: number;
}

export interface Outcome {
  readonly committed: readonly ConsumedEvent[];
  readonly failed: readonly { readonly event: ConsumedEvent; readonly error: unknown }[];
  readonly notAttempted: readonly ConsumedEvent[];
}

/** A batch pulled and validated, or the error that stopped it (thrown by `pull`). */
type Pulled = { readonly intake: Intake } | { readonly error: unknown };

/**
 * Messages decoded between two turns of the event loop. Decoding is CPU work (JSON and
 * schemas, ~10 µs a message); a batch decoded ahead in one go would hold up the database
 * replies of the batch being applied for milliseconds, leaving Postgres idle meanwhile.
 */
const DECODE_SLICE = 50;

export class PullIntake {
  private consumer: Consumer | undefined;
  private ahead: Promise<Pulled> | undefined;
  private resumeAtMs = 0;

  constructor(private readonly options: IntakeOptions) {}

  async pull(): Promise<Intake> {
    const waitMs = this.resumeAtMs - Date.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    const pulled = await (this.ahead ?? this.fetchAndDecode());
    this.ahead = undefined;
    if ('error' in pulled) throw pulled.error;
    if (this.options.fetchAhead === true) this.ahead = this.fetchAndDecode();
    return pulled.intake;
  }

  /** After a failure: return the batch ahead; an ordered intake also waits out the nak delay. */
  private async handBack(): Promise<void> {
    await this.returnFetchedAhead();
    // A little past the delay, so the server has the nak'd messages ready for redelivery.
    if (this.options.ordered) this.resumeAtMs = Date.now() + this.options.nakDelayMs + 50;
  }

  /** Hands the batch fetched ahead back for redelivery (after a failure, or on stop). */
  async returnFetchedAhead(): Promise<void> {
    const ahead = this.ahead;
    this.ahead = undefined;
    const pulled = ahead === undefined ? undefined : await ahead;
    if (pulled !== undefined && 'intake' in pulled) {
      // Invalid messages were dead-lettered and termed while decoding: nothing to return.
      for (const message of pulled.intake.messageOf.values()) message.nak(this.options.nakDelayMs);
    }
  }

  /** Never rejects: an error is kept and thrown by the `pull` that takes this batch. */
  private async fetchAndDecode(): Promise<Pulled> {
    try {
      return { intake: await this.decodeAll(await this.fetch()) };
    } catch (error) {
      return { error };
    }
  }

  private async fetch(): Promise<JsMsg[]> {
    const { js, stream, durable, batchSizeMax, fetchExpiresMs } = this.options;
    this.consumer ??= await js.consumers.get(stream, durable);
    const batch = await this.consumer.fetch({
      max_messages: batchSizeMax,
      expires: fetchExpiresMs,
    });
    const messages: JsMsg[] = [];
    for await (const message of batch) messages.push(message);
    return messages;
  }

  private async decodeAll(messages: readonly JsMsg[]): Promise<Intake> {
    const messageOf = new Map<ConsumedEvent, JsMsg>();
    const refused: { message: JsMsg; error: EventDecodeError }[] = [];
    for (const [index, message] of messages.entries()) {
      if (index > 0 && index % DECODE_SLICE === 0) await new Promise(setImmediate);
      const decoded = this.decode(message);
      if (decoded instanceof EventDecodeError) refused.push({ message, error: decoded });
      else messageOf.set(decoded, message);
    }
    for (const { message, error } of refused)
      await this.deadLetter(message, { code: error.code, message: error.message });
    return { messageOf, size: messages.length };
  }

  async settle(intake: Intake, outcome: Outcome, failureCode: string): Promise<void> {
    for (const event of outcome.committed) intake.messageOf.get(event)?.ack();
    for (const { event, error } of outcome.failed) {
      const message = intake.messageOf.get(event);
      if (message === undefined) continue;
      if (message.info.deliveryCount < this.options.maxDeliver) {
        message.nak(this.options.nakDelayMs);
        continue;
      }
      const detail = error instanceof Error ? error.message : String(error);
      await this.deadLetter(message, {
        code: failureCode,
        message: detail,
        eventId: event.envelope.id,
        operatorId: event.envelope.operatorid,
      });
    }
    this.nak(intake, outcome.notAttempted);
    if (outcome.failed.length > 0 || outcome.notAttempted.length > 0) await this.handBack();
  }

  /** Hands events back for redelivery after the nak delay (their work did not commit). */
  nak(intake: Intake, events: Iterable<ConsumedEvent>): void {
    for (const event of events) intake.messageOf.get(event)?.nak(this.options.nakDelayMs);
  }

  private decode(message: JsMsg): ConsumedEvent | EventDecodeError {
    try {
      // As text: decoding the bytes would first copy them into a Buffer.
      const envelope = this.options.catalog.decode(message.string());
      const streamSequence =
        streamSequenceOfAckSubject(ackSubjectOf(message)) ?? message.info.streamSequence;
      // The durable's stream: every message it delivers is from there.
      return { envelope, stream: this.options.stream, streamSequence, subject: message.subject };
    } catch (error) {
      if (error instanceof EventDecodeError) return error;
      throw error;
    }
  }

  private async deadLetter(message: JsMsg, cause: DeadLetterCause): Promise<void> {
    await this.options.deadLetters.record(message, this.options.deadLetterConsumer, cause);
    message.term(cause.code);
    this.options.log('message dead-lettered', {
      consumer: this.options.durable,
      sequence: message.info.streamSequence,
      code: cause.code,
      error: cause.message,
    });
  }
}

/** nats.js keeps a message's ack subject as `reply` without declaring it on JsMsg. */
function ackSubjectOf(message: JsMsg): string {
  return 'reply' in message && typeof message.reply === 'string' ? message.reply : '';
}

export class RunLoop {
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly name: string,
    private readonly batch: () => Promise<number>,
    private readonly errorBackoffMaxMs: number,
    private readonly log: IntakeOptions['log'],
  ) {}

  start(): void {
    if (this.running !== undefined) throw new Error(`${this.name} is already running`);
    this.stopping = false;
    this.running = this.loop();
  }

  /** Finishes the batch in flight (bounded by the fetch expiry plus its work), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    let backoffMs = 0;
    while (!this.stopping) {
      try {
        await this.batch();
        backoffMs = 0;
      } catch (error) {
        backoffMs = Math.min(Math.max(backoffMs * 2, 100), this.errorBackoffMaxMs);
        this.log('batch failed', { consumer: this.name, error: String(error), backoffMs });
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }
}
