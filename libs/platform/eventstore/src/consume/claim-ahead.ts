/**
 * The batches a projection runner takes, one after another. With claim-ahead, while batch
 * N is applied and committed, batch N+1 is pulled, validated and claimed in a second
 * transaction, so the largest statement of a batch (inserting its processed ids) runs
 * beside the previous batch's apply and commit instead of after them.
 *
 * Safe for any projection: a claim writes only processed_events, which no apply reads,
 * and batch N+1 is applied only after batch N committed, so every apply still sees the
 * effects of the batches before it. N+1 is claimed only once N is, so a claim of N never
 * waits on N+1; a claim of N+1 that meets an id N holds waits for N's commit (then skips
 * it as seen) or rollback. Before anything else claims events that may be in the batch
 * ahead (the one-by-one retry of a failed batch, a dead-letter replay), that claim is
 * rolled back, so nothing waits on a transaction that only this runner can end; the
 * batch is claimed again when its turn comes.
 */
import type { DataSource } from 'typeorm';
import type { ConsumedEvent } from './consumed-event';
import { abandonBatch, claimBatch, type ClaimedBatch } from './projection-batch';
import type { Intake, PullIntake } from './pull-intake';

export interface TakenBatch {
  readonly intake: Intake;
  readonly events: readonly ConsumedEvent[];
  /** Its open transaction with the events claimed; undefined if the claim failed. */
  readonly claimed: ClaimedBatch | undefined;
}

interface PulledBatch {
  readonly intake: Intake;
  readonly events: readonly ConsumedEvent[];
  claimed: ClaimedBatch | undefined;
}

type Ahead = { readonly batch: PulledBatch } | { readonly error: unknown };

export class ClaimAhead {
  private ahead: Promise<Ahead> | undefined;

  /** `enabled` false: batches are pulled and claimed in turn (the intake may fetch ahead). */
  constructor(
    private readonly intake: PullIntake,
    private readonly dataSource: DataSource,
    private readonly consumer: string,
    private readonly enabled: boolean,
  ) {}

  /** The next batch, claimed if it has events and its claim succeeded. */
  async take(): Promise<TakenBatch> {
    const ahead = await (this.ahead ?? this.pull(false));
    this.ahead = undefined;
    if ('error' in ahead) throw ahead.error;
    const { batch } = ahead;
    batch.claimed ??= await this.tryClaim(batch.events);
    if (this.enabled) this.ahead = this.pull(batch.claimed !== undefined);
    return { ...batch };
  }

  /** Rolls back the claim of the batch ahead; the batch stays ahead, to be claimed in turn. */
  async unclaim(): Promise<void> {
    const ahead = await this.ahead;
    if (ahead === undefined || 'error' in ahead) return;
    const { claimed } = ahead.batch;
    ahead.batch.claimed = undefined;
    if (claimed !== undefined) await abandonBatch(claimed);
  }

  /** Hands the batch ahead back for redelivery (after a failure, or on stop). */
  async drop(nakDelayMs: number): Promise<void> {
    const ahead = await this.ahead;
    this.ahead = undefined;
    if (ahead === undefined || 'error' in ahead) return;
    const { claimed, intake } = ahead.batch;
    if (claimed !== undefined) await abandonBatch(claimed);
    for (const message of intake.messageOf.values()) message.nak(nakDelayMs);
  }

  /** Never rejects: an error is kept and thrown by the `take` that takes this batch. */
  private async pull(claim: boolean): Promise<Ahead> {
    try {
      const intake = await this.intake.pull();
      const events = [...intake.messageOf.keys()];
      const claimed = claim ? await this.tryClaim(events) : undefined;
      return { batch: { intake, events, claimed } };
    } catch (error) {
      return { error };
    }
  }

  /**
   * Undefined when there is nothing to claim or the claim failed: a failed batch is
   * retried event by event, where the error is met again and handled like any other.
   */
  private async tryClaim(events: readonly ConsumedEvent[]): Promise<ClaimedBatch | undefined> {
    if (events.length === 0) return undefined;
    try {
      return await claimBatch(this.dataSource, this.consumer, events);
    } catch {
      return undefined;
    }
  }
}
