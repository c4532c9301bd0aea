/**
 * Rebuilds a projection from the log: a fresh `<liveSchema>_rebuild` schema, then each
 * source stream replayed from sequence 1 on an ephemeral ordered consumer (one filter
 * subject, which nats-server 2.9 supports), in bounded batches through the same
 * `applyBatch` path as the live runner, so claims, dedupe and checkpoints behave alike.
 * It stops at the live checkpoints read at the start and applies an event only if the
 * live projection had committed its partition that far, so `verifyProjection` compares
 * both at the same position. One batch is in memory at a time.
 */
import { DeliverPolicy, ReplayPolicy, type Consumer, type JetStreamClient, type JsMsg } from 'nats';
import type { QueryRunner } from 'typeorm';
import { EventDecodeError, type EventCatalog } from '@chargeledger/contracts';
import type { MigrationClass } from '@chargeledger/platform/persistence';
import { jetStreamErrorCode } from '../append/append-errors';
import { partitionOfSubject, type ConsumedEvent } from '../consume/consumed-event';
import { applyBatch } from '../consume/projection-batch';
import type { Projection } from '../consume/projection';
import { LiveCheckpoints } from './live-checkpoints';
import { createRebuildSchema, type RebuildSchema } from './rebuild-schema';

export interface RebuildSource {
  /** Full stream name (with any namespace prefix), as the live checkpoints record it. */
  readonly stream: string;
  /** The live consumer's filter subject. */
  readonly filterSubject: string;
}

export interface RebuildProgress {
  readonly stream: string;
  /** Last stream sequence read. */
  readonly sequence: number;
  /** Where this stream's replay stops: the live projection's highest checkpoint on it. */
  readonly lastSequence: number;
  /** Events committed so far, across streams. */
  readonly applied: number;
  readonly percent: number;
}

export interface RebuildOptions {
  readonly js: JetStreamClient;
  readonly catalog: EventCatalog;
  readonly databaseUrl: string;
  readonly liveSchema: string;
  readonly projection: Projection;
  /**
   * The live durables whose checkpoints say where the replay stops: by default the
   * projection's consumer; for a projection run on a partitioned family, every durable
   * of the family (each checkpoints its partitions), with one source whose filter
   * covers them all.
   */
  readonly liveConsumers?: readonly string[];
  readonly sources: readonly RebuildSource[];
  /** The projection's own migrations, run after the platform ones. */
  readonly migrations: readonly MigrationClass[];
  /** DDL not kept as migrations, run in one transaction after them. */
  readonly prepare?: (tx: QueryRunner) => Promise<void>;
  readonly batchSizeMax: number;
  readonly fetchExpiresMs: number;
  /** The server deletes the ephemeral consumer after this long without a pull. */
  readonly consumerInactiveMs: number;
  readonly onProgress: (progress: RebuildProgress) => void;
}

export interface RebuildStreamResult {
  readonly stream: string;
  readonly sequence: number;
  readonly lastSequence: number;
  readonly applied: number;
  /** Messages the catalog rejects; the live runner dead-lettered them and never applied them. */
  readonly undecodable: number;
  /** Events past their partition's live checkpoint (a partitioned consumer lagging). */
  readonly beyondCheckpoint: number;
}

export interface RebuildResult {
  readonly schema: string;
  readonly checkpoints: Record<string, Record<string, number>>;
  readonly streams: readonly RebuildStreamResult[];
  readonly applied: number;
}

export class RebuildFailedError extends Error {
  constructor(
    readonly stream: string,
    readonly sequence: number,
    readonly reason: string,
  ) {
    super(`rebuild stopped at ${stream} sequence ${sequence}: ${reason}`);
    this.name = 'RebuildFailedError';
  }
}

export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  if (options.batchSizeMax < 1) throw new RangeError('batchSizeMax must be >= 1');
  const target = await createRebuildSchema(options);
  try {
    const checkpoints = await LiveCheckpoints.read(
      target.dataSource,
      options.liveSchema,
      options.liveConsumers ?? [options.projection.consumer],
    );
    const streams: RebuildStreamResult[] = [];
    let applied = 0;
    for (const source of options.sources) {
      const result = await replayStream(options, target, checkpoints, source, applied);
      applied += result.applied;
      streams.push(result);
    }
    return { schema: target.schema, checkpoints: checkpoints.toJSON(), streams, applied };
  } finally {
    await target.close();
  }
}

async function replayStream(
  options: RebuildOptions,
  target: RebuildSchema,
  checkpoints: LiveCheckpoints,
  source: RebuildSource,
  appliedBefore: number,
): Promise<RebuildStreamResult> {
  const lastSequence = checkpoints.lastSequence(source.stream);
  const state = { sequence: 0, applied: 0, undecodable: 0, beyondCheckpoint: 0 };
  const report = (): void =>
    options.onProgress({
      stream: source.stream,
      sequence: state.sequence,
      lastSequence,
      applied: appliedBefore + state.applied,
      percent: lastSequence === 0 ? 100 : Math.floor((state.sequence / lastSequence) * 1000) / 10,
    });
  if (lastSequence > 0) {
    const consumer = await options.js.consumers.get(source.stream, {
      filterSubjects: source.filterSubject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: 1,
      replay_policy: ReplayPolicy.Instant,
      inactive_threshold: options.consumerInactiveMs,
      headers_only: false,
    });
    try {
      while (state.sequence < lastSequence) {
        // Sequences only grow, so at most this many filtered messages remain up to the stop.
        const wanted = Math.min(options.batchSizeMax, lastSequence - state.sequence);
        const messages = await fetchBatch(consumer, wanted, lastSequence, options.fetchExpiresMs);
        const last = messages[messages.length - 1];
        if (last === undefined) break;
        const events: ConsumedEvent[] = [];
        for (const message of messages) {
          const event = toEventToApply(options.catalog, checkpoints, message, state);
          if (event !== undefined) events.push(event);
        }
        state.sequence = Math.min(last.info.streamSequence, lastSequence);
        state.applied += await applyOrFail(options, target, events);
        report();
        if (last.info.pending === 0) break;
      }
    } finally {
      await deleteEphemeral(consumer);
    }
    if (state.sequence < lastSequence)
      throw new RebuildFailedError(
        source.stream,
        state.sequence,
        `the stream ended before the live checkpoint ${lastSequence}`,
      );
  }
  report();
  return { stream: source.stream, lastSequence, ...state };
}

/**
 * Reads one pull. It ends early (leaving the consumer done) at the stop or at the end of
 * the filtered stream, so the last pull does not wait out its expiry.
 */
async function fetchBatch(
  consumer: Consumer,
  wanted: number,
  stopSequence: number,
  expiresMs: number,
): Promise<JsMsg[]> {
  const batch = await consumer.fetch({ max_messages: wanted, expires: expiresMs });
  const messages: JsMsg[] = [];
  for await (const message of batch) {
    messages.push(message);
    if (message.info.streamSequence >= stopSequence || message.info.pending === 0) break;
  }
  return messages;
}

const CONSUMER_NOT_FOUND = 10014;

/** The server may already have removed an idle ephemeral consumer; anything else is an error. */
async function deleteEphemeral(consumer: Consumer): Promise<void> {
  try {
    await consumer.delete();
  } catch (error) {
    if (jetStreamErrorCode(error) !== CONSUMER_NOT_FOUND) throw error;
  }
}

function toEventToApply(
  catalog: EventCatalog,
  checkpoints: LiveCheckpoints,
  message: JsMsg,
  counts: { undecodable: number; beyondCheckpoint: number },
): ConsumedEvent | undefined {
  const { stream, streamSequence } = message.info;
  if (!checkpoints.covers(stream, partitionOfSubject(message.subject), streamSequence)) {
    counts.beyondCheckpoint++;
    return undefined;
  }
  try {
    const envelope = catalog.decode(message.data);
    return { envelope, stream, streamSequence, subject: message.subject };
  } catch (error) {
    if (!(error instanceof EventDecodeError)) throw error;
    counts.undecodable++;
    return undefined;
  }
}

/** A projection never rejects a recorded fact, so a failure here is a bug to fix first. */
async function applyOrFail(
  options: RebuildOptions,
  target: RebuildSchema,
  events: readonly ConsumedEvent[],
): Promise<number> {
  const outcome = await applyBatch(target.dataSource, options.projection, events, true);
  const failure = outcome.failed[0];
  if (failure !== undefined) {
    const { error, event } = failure;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RebuildFailedError(event.stream, event.streamSequence, reason);
  }
  return outcome.committed.length;
}
