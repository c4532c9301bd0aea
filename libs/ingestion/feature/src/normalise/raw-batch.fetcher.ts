/**
 * Pulls the normaliser's batches from its RAW_GATEWAY durable. While one batch is handled
 * the next is already fetched and read (`read`: pure work on the messages alone, no state),
 * so both fill the time the batch in hand waits on NATS and Postgres. After a failure the batch
 * ahead is handed back, the next pulls wait out the nak delay (JetStream then serves the
 * nak'd messages first, so nothing overtakes them) and take one message at a time until
 * as many as failed have passed: a poison message fails alone.
 */
import type { Consumer, JetStreamClient, JsMsg } from 'nats';

export interface RawBatchFetcherOptions<T> {
  readonly js: JetStreamClient;
  readonly stream: string;
  readonly durable: string;
  readonly batchSizeMax: number;
  readonly fetchExpiresMs: number;
  readonly nakDelayMs: number;
  /** What a batch is read into before it is handled; must not depend on any state. */
  readonly read: (messages: readonly JsMsg[]) => T;
}

export interface FetchedBatch<T> {
  readonly messages: JsMsg[];
  readonly read: T;
}

type Fetched<T> = FetchedBatch<T> | { readonly error: unknown };

export class RawBatchFetcher<T> {
  private consumer: Consumer | undefined;
  private singlesLeft = 0;
  private ahead: Promise<Fetched<T>> | undefined;
  private resumeAtMs = 0;

  constructor(private readonly options: RawBatchFetcherOptions<T>) {}

  async next(): Promise<FetchedBatch<T>> {
    const waitMs = this.resumeAtMs - Date.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    const fetched = await (this.ahead ?? this.fetchSettled());
    this.ahead = undefined;
    if ('error' in fetched) throw fetched.error;
    if (fetched.messages.length > 0 && this.singlesLeft === 0) this.ahead = this.fetchSettled();
    return fetched;
  }

  /** After `count` messages failed (and were nak'd): hand back, wait, go one by one. */
  async failed(count: number): Promise<void> {
    this.singlesLeft = count;
    await this.handBack();
    this.resumeAtMs = Date.now() + this.options.nakDelayMs + 50;
  }

  /** Hands the batch fetched ahead back for redelivery (after a failure, or on stop). */
  async handBack(): Promise<void> {
    const ahead = this.ahead;
    this.ahead = undefined;
    const fetched = ahead === undefined ? undefined : await ahead;
    if (fetched !== undefined && 'messages' in fetched)
      for (const message of fetched.messages) message.nak(this.options.nakDelayMs);
  }

  /**
   * Never rejects: an error is kept and thrown by the `next` that takes it; a batch that
   * could not be read is handed back first.
   */
  private async fetchSettled(): Promise<Fetched<T>> {
    let messages: JsMsg[] = [];
    try {
      messages = await this.fetch();
      return { messages, read: this.options.read(messages) };
    } catch (error) {
      for (const message of messages) message.nak(this.options.nakDelayMs);
      return { error };
    }
  }

  private async fetch(): Promise<JsMsg[]> {
    const { js, stream, durable, fetchExpiresMs, batchSizeMax } = this.options;
    this.consumer ??= await js.consumers.get(stream, durable);
    const single = this.singlesLeft > 0;
    const batch = await this.consumer.fetch({
      max_messages: single ? 1 : batchSizeMax,
      expires: fetchExpiresMs,
    });
    const messages: JsMsg[] = [];
    for await (const message of batch) messages.push(message);
    if (single) this.singlesLeft -= messages.length;
    return messages;
  }
}
