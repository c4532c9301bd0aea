/**
 * Whether a session fact makes rating ask the station to stop the session. Progress is
 * read from the facts so far: duration from the start to the latest station time they
 * name (a sample or a charging-state change), energy from the latest reading (as the
 * live cost reads it), cost excl. VAT as the live cost prices it (only computed when a
 * cost limit applies). A limit is reached when the progress is at or above it.
 *
 * The fact is cut in stream order, like the live cost: a stop is due for each limit
 * reached by the facts up to it, under the limits in effect at their latest time, and
 * not reached by the facts before it, under the limits in effect then. So exactly one
 * fact, the first to reach a limit, asks for that limit's stop, and a redelivered or
 * replayed fact decides the same.
 */
import Decimal from 'decimal.js';
import {
  SESSION_LIMIT_KINDS,
  type LimitScope,
  type SessionLimitKind,
} from '@chargeledger/contracts';
import type { OpenSessionFacts } from '../session/session-facts';
import { lastReadingOf } from '../session/session-live-cost.decide';
import {
  effectiveLimits,
  type EffectiveLimits,
  type LimitSetting,
} from './effective-limits.resolve';

export interface LimitProgress {
  /** The latest station time the facts name (the start when they name none after it). */
  readonly at: string;
  readonly durationS: string;
  readonly energyWh: string;
  /** Exact cost excl. VAT so far; undefined when not priced (no cost limit, no reading). */
  readonly costExclVat?: string | undefined;
}

export interface ReachedLimit {
  readonly limit: SessionLimitKind;
  readonly scope: LimitScope;
  readonly maxValue: string;
  readonly reachedValue: string;
  readonly reachedAt: string;
}

export function progressOf(facts: OpenSessionFacts, costExclVat?: string): LimitProgress {
  const startMs = Date.parse(facts.startedAt);
  const times = [
    ...facts.samples.map((s) => Date.parse(s.sampledAt)),
    ...facts.stateChanges.map((c) => Date.parse(c.changedAt)),
  ];
  const atMs = Math.max(startMs, ...times);
  const reading = lastReadingOf(facts);
  return {
    at: new Date(atMs).toISOString(),
    durationS: new Decimal(atMs - startMs).div(1_000).toFixed(),
    energyWh:
      reading === undefined
        ? '0'
        : new Decimal(reading.energyWh).minus(facts.meterStartWh).toFixed(),
    costExclVat,
  };
}

function progressValue(progress: LimitProgress, kind: SessionLimitKind): string | undefined {
  switch (kind) {
    case 'duration':
      return progress.durationS;
    case 'energy':
      return progress.energyWh;
    case 'cost':
      return progress.costExclVat;
  }
}

export function reachedLimits(limits: EffectiveLimits, progress: LimitProgress): ReachedLimit[] {
  return SESSION_LIMIT_KINDS.flatMap((limit) => {
    const bound = limits[limit];
    const value = progressValue(progress, limit);
    if (bound === undefined || value === undefined || new Decimal(value).lt(bound.value)) return [];
    return [
      {
        limit,
        scope: bound.scope,
        maxValue: bound.value,
        reachedValue: value,
        reachedAt: progress.at,
      },
    ];
  });
}

/** The session's limits at the latest time of `facts` (what to price before deciding). */
export function limitsAt(
  settings: readonly LimitSetting[],
  facts: OpenSessionFacts,
): EffectiveLimits {
  return effectiveLimits(settings, facts.startedAt, progressOf(facts).at);
}

/** The limits a fact reaches first: reached up to it, not before it. */
export function limitStopsDue(
  settings: readonly LimitSetting[],
  startedAt: string,
  before: LimitProgress,
  upTo: LimitProgress,
): ReachedLimit[] {
  const already = reachedLimits(effectiveLimits(settings, startedAt, before.at), before).map(
    (reached) => reached.limit,
  );
  return reachedLimits(effectiveLimits(settings, startedAt, upTo.at), upTo).filter(
    (reached) => !already.includes(reached.limit),
  );
}
