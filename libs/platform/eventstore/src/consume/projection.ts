/**
 * A projection: a read model built from events. `apply` receives only events this
 * consumer has not processed before, in stream order, inside the transaction that also
 * records them as processed; it must be deterministic (no clock, no serial ids) so a
 * rebuild from the log reproduces the live tables byte for byte. The runner owns that
 * transaction: `apply` only runs statements on `tx`, it never commits or rolls back.
 */
import type { QueryRunner } from 'typeorm';
import type { ConsumedEvent } from './consumed-event';

export interface Projection {
  /** The durable consumer's name, also the key of its processed events and checkpoints. */
  readonly consumer: string;
  /** Tables it owns, with the key that orders a canonical dump of each. */
  readonly tables: readonly { readonly name: string; readonly orderBy: string }[];
  apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void>;
}
