/**
 * Runs a projection on a durable pull consumer: pull a bounded batch (invalid messages are
 * dead-lettered at the boundary), apply it with its processed ids and checkpoints in one
 * transaction, then ack what committed. Failures are nak'd with a delay and dead-lettered
 * once they reach max deliver. Dead letters whose replay was requested are re-applied by
 * this same runner. One batch is applied at a time: bounded memory, natural backpressure;
 * with `fetchAhead` or `claimAhead` the next one is prepared meanwhile (see ClaimAhead).
 */
import type { Context, TextMapGetter } from '@opentelemetry/api';
import type { JetStreamClient } from 'nats';
import type { DataSource } from 'typeorm';
import type { EventCatalog } from '@chargeledger/contracts';
import { faultPoint } from '@chargeledger/shared/fault-hooks';
import { carriedTraceContexts, inConsumerSpan } from '@chargeledger/shared/observability';
import { DeadLetterReplayer } from '../dead-letters/dead-letter.replay';
import type { DeadLetterStore } from '../dead-letters/dead-letter.store';
import { ClaimAhead, type TakenBatch } from './claim-ahead';
import type { ConsumedEvent } from './consumed-event';
import { applyBatch, applyOneByOne, commitBatch } from './projection-batch';
import type { Projection } from './projection';
import { PullIntake, RunLoop, type Outcome } from './pull-intake';

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
  /** How often to look for dead letters whose replay was requested (default 1 s). */
  readonly replayPollMs?: number;
  /** Fetch the next batch while this one is applied (default off). */
  readonly fetchAhead?: boolean;
  /**
   * Fetch the next batch and claim its events in a second transaction while this one is
   * applied and committed (default off; implies fetchAhead). Holds a second pool
   * connection, with an open transaction, between batches.
   */
  readonly claimAhead?: boolean;
}

/**
 * A batch's span links the traces its events carry, at most this many: the OpenTelemetry
 * SDK keeps 128 links a span by default and drops the rest, and a batch's events mostly
 * share few traces anyway.
 */
const LINKED_TRACES_MAX = 128;

const traceparentGetter: TextMapGetter<string> = {
  keys: () => ['traceparent'],
  get: (traceparent, key) => (key === 'traceparent' ? traceparent : undefined),
};

/**
 * The distinct traces the events carry, read from their envelopes: decoded already, where
 * the copy in the message headers would cost a header decode per message (~3 µs).
 */
function linkedTraces(events: readonly ConsumedEvent[]): Context[] {
  const traceparents = new Set<string>();
  for (const { envelope } of events) {
    if (envelope.traceparent !== undefined) traceparents.add(envelope.traceparent);
    if (traceparents.size === LINKED_TRACES_MAX) break;
  }
  return carriedTraceContexts(traceparents, traceparentGetter);
}

export class ProjectionRunner {
  private readonly intake: PullIntake;
  private readonly batches: ClaimAhead;
  private readonly loop: RunLoop;
  private readonly replayer: DeadLetterReplayer;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const { projection, dataSource } = options;
    this.replayer = new DeadLetterReplayer(
      {
        ...options,
        consumer: projection.consumer,
        limit: options.batchSizeMax,
        process: async (event) => {
          const replayed = await applyBatch(dataSource, projection, [event], true);
          if (replayed.failed[0] !== undefined) throw replayed.failed[0].error;
        },
      },
      options.replayPollMs ?? 1_000,
    );
    const claimAhead = options.claimAhead === true;
    this.intake = new PullIntake({
      ...options,
      deadLetterConsumer: projection.consumer,
      // Claim-ahead fetches the next batch itself; the intake fetching one more would make two.
      fetchAhead: options.fetchAhead === true && !claimAhead,
    });
    this.batches = new ClaimAhead(this.intake, dataSource, projection.consumer, claimAhead);
    this.loop = new RunLoop(
      options.durable,
      () => this.runOnce(),
      options.errorBackoffMaxMs,
      options.log,
    );
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.batches.drop(this.options.nakDelayMs);
    await this.intake.returnFetchedAhead();
  }

  /** Processes requested replays and one pulled batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    const { projection, nakDelayMs } = this.options;
    // A replayed event may be in the batch claimed ahead: that claim is rolled back first.
    await this.replayer.replayIfDue(() => this.batches.unclaim());
    const batch = await this.batches.take();
    const { intake, events } = batch;
    let outcome: Outcome;
    try {
      // Link only traces the messages carry; minting roots for the rest would be noise.
      const traces = linkedTraces(events);
      outcome = await inConsumerSpan(`project ${projection.consumer}`, traces, () =>
        this.apply(batch),
      );
    } catch (error) {
      this.intake.nak(intake, events);
      await this.batches.drop(nakDelayMs);
      await this.intake.returnFetchedAhead();
      throw error;
    }
    await faultPoint('projection-after-commit');
    await this.intake.settle(intake, outcome, 'PROJECTION.APPLY_FAILED');
    // After this batch's naks, so its messages come back before the ones pulled after them.
    if (outcome.failed.length > 0 || outcome.notAttempted.length > 0)
      await this.batches.drop(nakDelayMs);
    return intake.size;
  }

  /** Commits the claimed batch; after a failure, retries it event by event. */
  private async apply(batch: TakenBatch): Promise<Outcome> {
    const { projection, dataSource, ordered } = this.options;
    const { events, claimed } = batch;
    if (events.length === 0) return { committed: [], failed: [], notAttempted: [] };
    if (claimed !== undefined) {
      try {
        await commitBatch(claimed, projection);
        return { committed: events, failed: [], notAttempted: [] };
      } catch {
        // The retry claims these events again; the batch ahead must not hold any of them.
        await this.batches.unclaim();
      }
    }
    return applyOneByOne(dataSource, projection, events, ordered);
  }
}
