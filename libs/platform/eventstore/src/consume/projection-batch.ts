/**
 * Applies a batch of events to a projection with its bookkeeping in one transaction:
 * claim the new event ids, apply them, advance the checkpoints, commit. If the batch
 * fails, it is retried event by event under savepoints to find the failing event: an
 * ordered projection commits the prefix before it and stops; an unordered one commits
 * every event that succeeds. Nothing is acknowledged here; the caller acks what committed.
 *
 * Claiming and committing are separate steps because a reactor records its batch with
 * nothing to apply (see reactor-ledger.ts).
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { ConsumedEvent } from './consumed-event';
import { beginWith, rollbackIfOpen, sendPipelined } from './batch-connection';
import {
  advanceCheckpoints,
  checkpointStatement,
  claimNewEvents,
  claimOf,
  isSeenBefore,
  type Claim,
} from './processing-ledger';
import type { Projection } from './projection';
import type { Outcome } from './pull-intake';

/** A batch in an open transaction, its new events claimed; apply and commit come next. */
export interface ClaimedBatch {
  readonly events: readonly ConsumedEvent[];
  /** The events not processed before, in stream order: what `apply` receives. */
  readonly fresh: readonly ConsumedEvent[];
  readonly tx: QueryRunner;
}

async function inTransaction<T>(
  dataSource: DataSource,
  work: (tx: QueryRunner) => Promise<T>,
): Promise<T> {
  const tx = dataSource.createQueryRunner();
  await tx.connect();
  try {
    await tx.startTransaction();
    const result = await work(tx);
    await tx.commitTransaction();
    return result;
  } catch (error) {
    if (tx.isTransactionActive) await tx.rollbackTransaction();
    throw error;
  } finally {
    await tx.release();
  }
}

/**
 * Opens a transaction and claims the events in one round trip; on failure nothing stays
 * open. The transaction is the batch's own (BEGIN and COMMIT go with its statements), so
 * the query runner handed to `apply` does not know about it and must not end it.
 */
export async function claimBatch(
  dataSource: DataSource,
  consumer: string,
  events: readonly ConsumedEvent[],
): Promise<ClaimedBatch> {
  const tx = dataSource.createQueryRunner();
  try {
    await tx.connect();
  } catch (error) {
    await tx.release();
    throw error;
  }
  try {
    return { events, fresh: await claimInNewTransaction(tx, claimOf(consumer, events)), tx };
  } catch (error) {
    await endBatch(tx);
    throw error;
  }
}

/**
 * Claims as if every event were new, the common case and the cheapest; if one was seen
 * before, the refused insert has failed the transaction, so it is rolled back and the
 * claim made again in a new one, skipping the seen events.
 */
async function claimInNewTransaction(
  tx: QueryRunner,
  claim: Claim,
): Promise<readonly ConsumedEvent[]> {
  try {
    await beginWith(tx, claim.firstSight);
    return claim.unique;
  } catch (error) {
    if (!isSeenBefore(error)) throw error;
  }
  await rollbackIfOpen(tx);
  return claim.fresh((await beginWith(tx, claim.skippingSeen)).rows);
}

/**
 * Applies the claimed events, then advances the checkpoints and commits in one round
 * trip; rolls back on failure.
 */
export async function commitBatch(
  batch: ClaimedBatch,
  projection: Pick<Projection, 'consumer' | 'apply'>,
): Promise<void> {
  const { tx } = batch;
  try {
    await projection.apply(batch.fresh, tx);
    const checkpoint = checkpointStatement(projection.consumer, batch.events);
    const results = await sendPipelined(tx, [
      ...(checkpoint ? [checkpoint] : []),
      { text: 'COMMIT' },
    ]);
    // Postgres answers COMMIT in a failed transaction with ROLLBACK, not an error: a
    // projection that swallowed a failed statement must not get its batch acked.
    const ended = results[results.length - 1]?.command;
    if (ended !== 'COMMIT') throw new Error(`batch transaction ended with ${String(ended)}`);
  } finally {
    await endBatch(tx);
  }
}

async function endBatch(tx: QueryRunner): Promise<void> {
  try {
    await rollbackIfOpen(tx);
  } finally {
    await tx.release();
  }
}

export async function applyBatch(
  dataSource: DataSource,
  projection: Projection,
  events: readonly ConsumedEvent[],
  ordered: boolean,
): Promise<Outcome> {
  if (events.length === 0) return { committed: [], failed: [], notAttempted: [] };
  try {
    await commitBatch(await claimBatch(dataSource, projection.consumer, events), projection);
    return { committed: events, failed: [], notAttempted: [] };
  } catch {
    return applyOneByOne(dataSource, projection, events, ordered);
  }
}

export async function applyOneByOne(
  dataSource: DataSource,
  projection: Projection,
  events: readonly ConsumedEvent[],
  ordered: boolean,
): Promise<Outcome> {
  return inTransaction(dataSource, async (tx) => {
    const committed: ConsumedEvent[] = [];
    const failed: { event: ConsumedEvent; error: unknown }[] = [];
    for (const [index, event] of events.entries()) {
      await tx.query('SAVEPOINT event');
      try {
        await projection.apply(await claimNewEvents(tx, projection.consumer, [event]), tx);
        await tx.query('RELEASE SAVEPOINT event');
        committed.push(event);
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT event');
        failed.push({ event, error });
        if (ordered) {
          await advanceCheckpoints(tx, projection.consumer, committed);
          return { committed, failed, notAttempted: events.slice(index + 1) };
        }
      }
    }
    await advanceCheckpoints(tx, projection.consumer, committed);
    return { committed, failed, notAttempted: [] };
  });
}
