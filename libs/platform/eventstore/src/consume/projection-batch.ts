/**
 * Applies a batch of events to a projection with its bookkeeping in one transaction:
 * claim the new event ids, apply them, advance the checkpoints, commit. If the batch
 * fails, it is retried event by event under savepoints to find the failing event: an
 * ordered projection commits the prefix before it and stops; an unordered one commits
 * every event that succeeds. Nothing is acknowledged here; the caller acks what committed.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { ConsumedEvent } from './consumed-event';
import { advanceCheckpoints, claimNewEvents } from './processing-ledger';
import type { Projection } from './projection';
import type { Outcome } from './pull-intake';

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

export async function applyBatch(
  dataSource: DataSource,
  projection: Projection,
  events: readonly ConsumedEvent[],
  ordered: boolean,
): Promise<Outcome> {
  if (events.length === 0) return { committed: [], failed: [], notAttempted: [] };
  try {
    await inTransaction(dataSource, async (tx) => {
      await projection.apply(await claimNewEvents(tx, projection.consumer, events), tx);
      await advanceCheckpoints(tx, projection.consumer, events);
    });
    return { committed: events, failed: [], notAttempted: [] };
  } catch {
    return applyOneByOne(dataSource, projection, events, ordered);
  }
}

async function applyOneByOne(
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
