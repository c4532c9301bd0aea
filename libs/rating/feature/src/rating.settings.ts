/**
 * Rating's consumer limits and own environment, every value explicit. The session-facts
 * durables are per partition; a replica runs the partitions PARTITIONS (or
 * REPLICA_INDEX/REPLICA_COUNT) names, checked at boot (see partition-assignment.ts). The
 * live cost of a session is throttled to one per LIVE_COST_INTERVAL_S of station time; a
 * fact recorded up to RERATING_WINDOW_S after a session was rated re-rates it.
 */
import { z } from 'zod';

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

/** Station time per live cost of one session at most, in ms. */
export const RATING_LIVE_COST_INTERVAL = Symbol('RATING_LIVE_COST_INTERVAL');

const liveCostIntervalS = z.coerce.number().int().min(1).max(3_600).default(60);

/** LIVE_COST_INTERVAL_S: whole seconds, 1 to 3600, 60 when unset. */
export function liveCostIntervalMsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): number {
  const parsed = liveCostIntervalS.safeParse(env['LIVE_COST_INTERVAL_S']);
  if (!parsed.success)
    throw new Error(
      `LIVE_COST_INTERVAL_S must be whole seconds from 1 to 3600, got ${String(env['LIVE_COST_INTERVAL_S'])}`,
    );
  return parsed.data * 1_000;
}

/** How long after its rating a session's late facts still re-rate it, in ms. */
export const RATING_RE_RATING_WINDOW = Symbol('RATING_RE_RATING_WINDOW');

const reRatingWindowS = z.coerce.number().int().min(0).max(7_776_000).default(86_400);

/** RERATING_WINDOW_S: whole seconds, 0 (never) to 7776000 (90 days), 86400 when unset. */
export function reRatingWindowMsFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const parsed = reRatingWindowS.safeParse(env['RERATING_WINDOW_S']);
  if (!parsed.success)
    throw new Error(
      `RERATING_WINDOW_S must be whole seconds from 0 to 7776000, got ${String(env['RERATING_WINDOW_S'])}`,
    );
  return parsed.data * 1_000;
}
