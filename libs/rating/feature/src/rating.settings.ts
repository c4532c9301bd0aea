/**
 * Rating's consumer limits and own environment, every value explicit. The session-facts
 * durables are per partition; a replica runs the partitions PARTITIONS (or
 * REPLICA_INDEX/REPLICA_COUNT) names, checked at boot (see partition-assignment.ts).
 */
export interface ConsumerLimits {
  readonly batchSizeMax: number;
  readonly fetchExpiresMs: number;
  readonly nakDelayMs: number;
  readonly errorBackoffMaxMs: number;
}

export const PROJECTION_LIMITS: ConsumerLimits = {
  batchSizeMax: 200,
  fetchExpiresMs: 1_000,
  nakDelayMs: 1_000,
  errorBackoffMaxMs: 5_000,
};

/**
 * The tariff view answers a publishing operator's read of its own write: a batch of one
 * returns as soon as the version arrives (pull requests wait until full or expired).
 */
export const TARIFF_VIEW_LIMITS: ConsumerLimits = { ...PROJECTION_LIMITS, batchSizeMax: 1 };

/**
 * Rating waits, by nak delay, for the session's facts and the registry and tariff views;
 * at the durable's max deliver (150 in consumers.ts: ~5 minutes at this delay) the
 * SessionEnded is dead-lettered, replayable once the cause is fixed.
 */
export const SESSION_RATING_LIMITS: ConsumerLimits = {
  batchSizeMax: 100,
  fetchExpiresMs: 1_000,
  nakDelayMs: 2_000,
  errorBackoffMaxMs: 5_000,
};

/** The session-facts partitions this replica owns (a PartitionAssignment). */
export const RATING_PARTITIONS = Symbol('RATING_PARTITIONS');
