/**
 * Runs a projection on a durable pull consumer: fetch a bounded batch, validate each
 * message at the boundary (invalid → dead letter + term, never a redelivery loop), apply
 * the batch with its processed ids and checkpoints in one transaction, then ack what
 * committed. Failures are nak'd with a delay, and dead-lettered once they reach max
 * deliver. Dead letters whose replay was requested are re-applied by this same runner.
 * One batch is in flight at a time, which bounds memory and gives backpressure.
 */
import type { Consumer, JetStreamClient, JsMsg } from 'nats';
import type { DataSource } from 'typeorm';
import { EventDecodeError, type EventCatalog } from '@chargeledger/contracts';
import { natsHeaderGetter } from '@chargeledger/platform/messaging';
import { faultPoint } from '@chargeledger/shared/fault-hooks';
import { extractTraceContext, inConsumerSpan } from '@chargeledger/shared/observability';
import type { DeadLetterStore } from '../dead-letters/dead-letter.store';
import { replayRequestedDeadLetters } from '../dead-letters/dead-letter.replay';
import type { ConsumedEvent } from './consumed-event';
import { applyBatch } from './projection-batch';
import type { Projection } from './projection';

export interface ProjectionRunnerOptions {
  readonly js: JetStreamClient;
  readonly dataSource: DataSource;
  readonly catalog: EventCatalog;
  readonly deadLetters: DeadLetterStore;
  readonly projection: Projection;
  /** Full stream name (with any namespace prefix) and the durable to pull from. */
  readonly stream: string;
  readonly durable: string;
  readonly ordered: boolean;
  readonly maxDeliver: number;
  readonly batchSizeMax: number;
  readonly fetchExpiresMs: number;
  readonly nakDelayMs: number;
  readonly errorBackoffMaxMs: number;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

export class ProjectionRunner {
  private consumer: Consumer | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: ProjectionRunnerOptions) {}

  start(): void {
    if (this.running !== undefined) throw new Error(`${this.options.durable} is already running`);
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
  }

  /** Processes requested replays and one fetched batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    const { projection, dataSource, catalog, deadLetters } = this.options;
    await replayRequestedDeadLetters({
      dataSource,
      catalog,
      deadLetters,
      projection,
      limit: this.options.batchSizeMax,
    });
    const messages = await this.fetch();
    const events: ConsumedEvent[] = [];
    const messageOf = new Map<ConsumedEvent, JsMsg>();
    for (const message of messages) {
      const event = await this.decodeOrDeadLetter(message);
      if (event === undefined) continue;
      events.push(event);
      messageOf.set(event, message);
    }
    let outcome;
    try {
      const traces = [...messageOf.values()].map((m) =>
        extractTraceContext(m.headers, natsHeaderGetter),
      );
      outcome = await inConsumerSpan(`project ${projection.consumer}`, traces, () =>
        applyBatch(dataSource, projection, events, this.options.ordered),
      );
    } catch (error) {
      for (const message of messageOf.values()) message.nak(this.options.nakDelayMs);
      throw error;
    }
    await faultPoint('projection-after-commit');
    for (const event of outcome.committed) messageOf.get(event)?.ack();
    for (const { event, error } of outcome.failed)
      await this.retryOrDeadLetter(messageOf.get(event), error);
    for (const event of outcome.notAttempted) messageOf.get(event)?.nak(this.options.nakDelayMs);
    return messages.length;
  }

  private async loop(): Promise<void> {
    let backoffMs = 0;
    while (!this.stopping) {
      try {
        await this.runOnce();
        backoffMs = 0;
      } catch (error) {
        backoffMs = Math.min(Math.max(backoffMs * 2, 100), this.options.errorBackoffMaxMs);
        this.options.log('projection batch failed', {
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
      const envelope = this.options.catalog.decode(message.data);
      return {
        envelope,
        stream: message.info.stream,
        streamSequence: message.info.streamSequence,
        subject: message.subject,
      };
    } catch (error) {
      if (!(error instanceof EventDecodeError)) throw error;
      await this.options.deadLetters.record(message, this.options.projection.consumer, {
        code: error.code,
        message: error.message,
      });
      message.term(error.code);
      this.options.log('message dead-lettered', {
        consumer: this.options.durable,
        sequence: message.info.streamSequence,
        code: error.code,
      });
      return undefined;
    }
  }

  private async retryOrDeadLetter(message: JsMsg | undefined, error: unknown): Promise<void> {
    if (message === undefined) return;
    if (message.info.deliveryCount < this.options.maxDeliver) {
      message.nak(this.options.nakDelayMs);
      return;
    }
    const detail = error instanceof Error ? error.message : String(error);
    await this.options.deadLetters.record(message, this.options.projection.consumer, {
      code: 'PROJECTION.APPLY_FAILED',
      message: detail,
    });
    message.term('PROJECTION.APPLY_FAILED');
    this.options.log('message dead-lettered', {
      consumer: this.options.durable,
      sequence: message.info.streamSequence,
      error: detail,
    });
  }
}
