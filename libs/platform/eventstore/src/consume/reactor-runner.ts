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
import type { JetStreamClient } from 'nats';
import type { DataSource } from 'typeorm';
import type { EventCatalog } from '@chargeledger/contracts';
import { faultPoint } from '@chargeledger/shared/fault-hooks';
import type { EventAppender } from '../append/event-appender';
import type { DeadLetterStore } from '../dead-letters/dead-letter.store';
import type { ConsumedEvent } from './consumed-event';
import { underivedOutput, type Reactor } from './reactor';
import { DeadLetterReplayer } from '../dead-letters/dead-letter.replay';
import { processedEventKey } from './processing-ledger';
import { PullIntake, RunLoop, type Outcome } from './pull-intake';
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
  /** How often to look for dead letters whose replay was requested (default 1 s). */
  readonly replayPollMs?: number;
  /** Fetch the next batch while this one reacts (default off). */
  readonly fetchAhead?: boolean;
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

export class ReactorRunner {
  private readonly intake: PullIntake;
  private readonly loop: RunLoop;
  private readonly replayer: DeadLetterReplayer;
  private inFlight = false;

  constructor(private readonly options: ReactorRunnerOptions) {
    const { batchSizeMax, maxDeliver, fetchExpiresMs, nakDelayMs } = options;
    if (
      !Number.isInteger(batchSizeMax) ||
      batchSizeMax < 1 ||
      batchSizeMax > REACTOR_BATCH_SIZE_MAX
    ) {
      throw new RangeError(
        `batchSizeMax must be 1..${REACTOR_BATCH_SIZE_MAX}, got ${batchSizeMax}`,
      );
    }
    if (!Number.isInteger(maxDeliver) || maxDeliver < 1)
      throw new RangeError(`maxDeliver must be >= 1, got ${maxDeliver}`);
    // nats.js refuses pull requests that expire in under a second.
    if (fetchExpiresMs < 1_000 || nakDelayMs < 0)
      throw new RangeError('fetchExpiresMs must be >= 1000 and nakDelayMs >= 0');
    this.intake = new PullIntake({ ...options, deadLetterConsumer: options.durable });
    this.loop = new RunLoop(
      options.durable,
      () => this.runOnce(),
      options.errorBackoffMaxMs,
      options.log,
    );
    const { dataSource, durable } = options;
    this.replayer = new DeadLetterReplayer(
      {
        ...options,
        consumer: durable,
        limit: batchSizeMax,
        process: async (event) => {
          if ((await processedEventIds(dataSource, durable, [event])).size > 0) return;
          const replayed = await this.reactAll([event]);
          if (replayed.failed[0] !== undefined) throw replayed.failed[0].error;
          await recordProcessed(dataSource, durable, [event]);
        },
      },
      options.replayPollMs ?? 1_000,
    );
  }

  get durable(): string {
    return this.options.durable;
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.intake.returnFetchedAhead();
  }

  /** Pulls and handles one batch; returns how many messages it handled. */
  async runOnce(): Promise<number> {
    if (this.inFlight) throw new Error(`${this.options.durable}: one batch at a time`);
    this.inFlight = true;
    try {
      const { dataSource, durable } = this.options;
      await this.replayer.replayIfDue();
      const intake = await this.intake.pull();
      const seen = await processedEventIds(dataSource, durable, [...intake.messageOf.keys()]);
      const fresh: ConsumedEvent[] = [];
      for (const [event, message] of intake.messageOf) {
        // Already processed, or a second copy of an event earlier in this batch.
        const key = processedEventKey(event);
        if (seen.has(key)) message.ack();
        else fresh.push(event);
        seen.add(key);
      }
      const outcome = await this.reactAll(fresh);
      await faultPoint('reactor-after-publish');
      try {
        await recordProcessed(dataSource, durable, outcome.committed);
      } catch (error) {
        this.intake.nak(intake, fresh);
        await this.intake.returnFetchedAhead();
        throw error;
      }
      await this.intake.settle(intake, outcome, 'REACTOR.REACTION_FAILED');
      return intake.size;
    } finally {
      this.inFlight = false;
    }
  }

  /** Reacts and publishes event by event, so a retried publish never reorders outputs. */
  private async reactAll(events: readonly ConsumedEvent[]): Promise<Outcome> {
    const committed: ConsumedEvent[] = [];
    const failed: { event: ConsumedEvent; error: unknown }[] = [];
    for (const [index, event] of events.entries()) {
      try {
        const outputs = await this.options.reactor.react(event);
        const refusal = underivedOutput(event.envelope, outputs);
        if (refusal !== undefined) throw new Error(`REACTOR.UNDERIVED_ID: ${refusal}`);
        await this.options.appender.append(outputs);
        committed.push(event);
      } catch (error) {
        failed.push({ event, error });
        if (this.options.ordered)
          return { committed, failed, notAttempted: events.slice(index + 1) };
      }
    }
    return { committed, failed, notAttempted: [] };
  }
}
