/**
 * Runs a projection on a durable pull consumer: pull a bounded batch (invalid messages are
 * dead-lettered at the boundary), apply it with its processed ids and checkpoints in one
 * transaction, then ack what committed. Failures are nak'd with a delay and dead-lettered
 * once they reach max deliver. Dead letters whose replay was requested are re-applied by
 * this same runner. One batch is applied at a time: bounded memory, natural backpressure;
 * with `fetchAhead` the next one is pulled and validated meanwhile (see PullIntake).
 */
import type { Context, TextMapGetter } from '@opentelemetry/api';
import type { JetStreamClient } from 'nats';
import type { DataSource } from 'typeorm';
import type { EventCatalog } from '@chargeledger/contracts';
import { faultPoint } from '@chargeledger/shared/fault-hooks';
import { carriedTraceContexts, inConsumerSpan } from '@chargeledger/shared/observability';
import { DeadLetterReplayer } from '../dead-letters/dead-letter.replay';
import type { DeadLetterStore } from '../dead-letters/dead-letter.store';
import type { ConsumedEvent } from './consumed-event';
import { applyBatch } from './projection-batch';
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
    this.intake = new PullIntake({ ...options, deadLetterConsumer: projection.consumer });
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
    await this.intake.returnFetchedAhead();
  }

  /** Processes requested replays and one pulled batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    const { projection, dataSource, ordered } = this.options;
    await this.replayer.replayIfDue();
    const intake = await this.intake.pull();
    const events = [...intake.messageOf.keys()];
    let outcome: Outcome;
    try {
      // Link only traces the messages carry; minting roots for the rest would be noise.
      outcome = await inConsumerSpan(`project ${projection.consumer}`, linkedTraces(events), () =>
        applyBatch(dataSource, projection, events, ordered),
      );
    } catch (error) {
      this.intake.nak(intake, events);
      await this.intake.returnFetchedAhead();
      throw error;
    }
    await faultPoint('projection-after-commit');
    await this.intake.settle(intake, outcome, 'PROJECTION.APPLY_FAILED');
    return intake.size;
  }
}
