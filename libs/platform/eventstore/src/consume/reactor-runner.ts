/**
 * Runs a reactor on a durable pull consumer. Per bounded batch: validate each message
 * (invalid → dead letter + term), skip events this consumer already recorded as
 * processed, react, publish the reaction with `EventAppender.append` (msg id = derived
 * event id), record the events as processed in Postgres, then ack. A failure is nak'd
 * with a delay and dead-lettered at max deliver; an ordered runner stops at the first
 * failure and naks the rest, so per-aggregate order holds. One batch is in flight.
 *
 * A crash between the publish and the record redelivers the event after the ack wait;
 * the reactor runs again and republishes the same derived ids, which JetStream drops as
 * duplicates inside the stream's duplicate window. Past that window (the process stayed
 * down longer) the stream can hold a second copy of a derived event with the same id;
 * its consumers' processed_events rows make that copy a no-op.
 */
import type { Consumer, JetStreamClient, JsMsg } from 'nats';
import type { DataSource } from 'typeorm';
import { EventDecodeError, type EventCatalog } from '@chargeledger/contracts';
import { faultPoint } from '@chargeledger/shared/fault-hooks';
import type { EventAppender } from '../append/event-appender';
import type { DeadLetterStore } from '../dead-letters/dead-letter.store';
import type { ConsumedEvent } from './consumed-event';
import { underivedOutput, type Reactor } from './reactor';
import { processedEventIds, recordProcessed } from './reactor-ledger';

export interface ReactorDependencies {
  readonly js: JetStreamClient;
  readonly dataSource: DataSource;
  readonly catalog: EventCatalog;
  readonly deadLetters: DeadLetterStore;
  readonly appender: EventAppender;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

export interface ReactorRunnerSettings {
  /** Stop at the first failure in a batch (per-partition durables need this). */
  readonly ordered: boolean;
  readonly batchSizeMax: number;
  readonly fetchExpiresMs: number;
  readonly nakDelayMs: number;
  readonly errorBackoffMaxMs: number;
}

export interface ReactorRunnerOptions extends ReactorDependencies, ReactorRunnerSettings {
  readonly reactor: Reactor;
  /** Full stream name (with any namespace prefix); the durable is also the ledger key. */
  readonly stream: string;
  readonly durable: string;
  /** The durable's max deliver: the delivery that fails there is dead-lettered. */
  readonly maxDeliver: number;
}

export const REACTOR_BATCH_SIZE_MAX = 1_000;

interface Reacted {
  readonly done: ConsumedEvent[];
  readonly failed: { readonly event: ConsumedEvent; readonly error: unknown }[];
  readonly notAttempted: ConsumedEvent[];
}

export class ReactorRunner {
  private consumer: Consumer | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private inFlight = false;

  constructor(private readonly options: ReactorRunnerOptions) {
    const { batchSizeMax, maxDeliver, fetchExpiresMs, nakDelayMs } = options;
    if (
      !Number.isInteger(batchSizeMax) ||
      batchSizeMax < 1 ||
      batchSizeMax > REACTOR_BATCH_SIZE_MAX
    )
      throw new RangeError(
        `batchSizeMax must be 1..${REACTOR_BATCH_SIZE_MAX}, got ${batchSizeMax}`,
      );
    if (!Number.isInteger(maxDeliver) || maxDeliver < 1)
      throw new RangeError(`maxDeliver must be >= 1, got ${maxDeliver}`);
    // nats.js refuses pull requests that expire in under a second.
    if (fetchExpiresMs < 1_000 || nakDelayMs < 0)
      throw new RangeError('fetchExpiresMs must be >= 1000 and nakDelayMs >= 0');
  }

  get durable(): string {
    return this.options.durable;
  }

  start(): void {
    if (this.running !== undefined) throw new Error(`${this.options.durable} is already running`);
    this.stopping = false;
    this.running = this.loop();
  }

  /** Finishes the batch in flight (bounded by fetchExpiresMs plus its work), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
  }

  /** Fetches and handles one batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    if (this.inFlight) throw new Error(`${this.options.durable}: one batch at a time`);
    this.inFlight = true;
    try {
      return await this.handleBatch(await this.fetch());
    } finally {
      this.inFlight = false;
    }
  }

  private async handleBatch(messages: readonly JsMsg[]): Promise<number> {
    const { dataSource, durable } = this.options;
    const messageOf = new Map<ConsumedEvent, JsMsg>();
    for (const message of messages) {
      const event = await this.decodeOrDeadLetter(message);
      if (event !== undefined) messageOf.set(event, message);
    }
    const seen = await processedEventIds(dataSource, durable, [...messageOf.keys()]);
    const fresh: ConsumedEvent[] = [];
    for (const [event, message] of messageOf) {
      // Already processed, or a second copy of an event earlier in this batch.
      if (seen.has(event.envelope.id)) message.ack();
      else fresh.push(event);
      seen.add(event.envelope.id);
    }
    const outcome = await this.reactAll(fresh);
    await faultPoint('reactor-after-publish');
    try {
      await recordProcessed(dataSource, durable, outcome.done);
    } catch (error) {
      for (const event of fresh) messageOf.get(event)?.nak(this.options.nakDelayMs);
      throw error;
    }
    for (const event of outcome.done) messageOf.get(event)?.ack();
    for (const { event, error } of outcome.failed)
      await this.retryOrDeadLetter(messageOf.get(event), event, error);
    for (const event of outcome.notAttempted) messageOf.get(event)?.nak(this.options.nakDelayMs);
    return messages.length;
  }

  /** Reacts and publishes event by event, so a retried publish never reorders outputs. */
  private async reactAll(events: readonly ConsumedEvent[]): Promise<Reacted> {
    const outcome: Reacted = { done: [], failed: [], notAttempted: [] };
    for (const [index, event] of events.entries()) {
      try {
        const outputs = await this.options.reactor.react(event);
        const refusal = underivedOutput(event.envelope, outputs);
        if (refusal !== undefined) throw new Error(`REACTOR.UNDERIVED_ID: ${refusal}`);
        await this.options.appender.append(outputs);
        outcome.done.push(event);
      } catch (error) {
        outcome.failed.push({ event, error });
        if (this.options.ordered) {
          outcome.notAttempted.push(...events.slice(index + 1));
          break;
        }
      }
    }
    return outcome;
  }

  private async loop(): Promise<void> {
    let backoffMs = 0;
    while (!this.stopping) {
      try {
        await this.runOnce();
        backoffMs = 0;
      } catch (error) {
        backoffMs = Math.min(Math.max(backoffMs * 2, 100), this.options.errorBackoffMaxMs);
        this.options.log('reactor batch failed', {
          consumer: this.options.durable,
          error: String(error),
          backoffMs,
        });
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }

  private async fetch(): Promise<JsMsg[]> {
    this.consumer ??= await this.options.js.consumers.get(
      this.options.stream,
      this.options.durable,
    );
    const batch = await this.consumer.fetch({
      max_messages: this.options.batchSizeMax,
      expires: this.options.fetchExpiresMs,
    });
    const messages: JsMsg[] = [];
    for await (const message of batch) messages.push(message);
    return messages;
  }

  private async decodeOrDeadLetter(message: JsMsg): Promise<ConsumedEvent | undefined> {
    try {
      return {
        envelope: this.options.catalog.decode(message.data),
        stream: message.info.stream,
        streamSequence: message.info.streamSequence,
        subject: message.subject,
      };
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      await this.deadLetter(message, { code: error.code, message: error.message });
      return undefined;
    }
  }

  private async retryOrDeadLetter(
    message: JsMsg | undefined,
    event: ConsumedEvent,
    error: unknown,
  ): Promise<void> {
    if (message === undefined) return;
    if (message.info.deliveryCount < this.options.maxDeliver) {
      message.nak(this.options.nakDelayMs);
      return;
    }
    await this.deadLetter(message, {
      code: 'REACTOR.REACTION_FAILED',
      message: error instanceof Error ? error.message : String(error),
      eventId: event.envelope.id,
      operatorId: event.envelope.operatorid,
    });
  }

  private async deadLetter(
    message: JsMsg,
    cause: { code: string; message: string; eventId?: string; operatorId?: string },
  ): Promise<void> {
    await this.options.deadLetters.record(message, this.options.durable, cause);
    message.term(cause.code);
    this.options.log('message dead-lettered', {
      consumer: this.options.durable,
      sequence: message.info.streamSequence,
      code: cause.code,
      error: cause.message,
    });
  }
}
