/**
 * What the session-limits routes take and answer: the bounds (absent = no bound of that
 * kind) with the number of settings the caller saw, and the current setting with its
 * version (the number of settings recorded) and when it was recorded.
 */
import { z } from 'zod';
import { sessionLimitValues, type LimitScope } from '@chargeledger/contracts';
import { RatingRefusal } from '@chargeledger/rating/domain';
import type { SessionLimitsStore } from './session-limits.store';

export const limitsBody = z.strictObject({
  ...sessionLimitValues.shape,
  /** The version the caller saw; refused when another setting was recorded since. */
  expectedVersion: z.int().min(0).optional(),
});

export const limitsView = z.object({
  scope: z.string(),
  scopeId: z.string(),
  version: z.int(),
  setAt: z.string(),
  limits: sessionLimitValues,
});
export type LimitsView = z.infer<typeof limitsView>;

export async function limitsViewOf(
  store: SessionLimitsStore,
  scope: LimitScope,
  scopeId: string,
): Promise<LimitsView> {
  const { state, setAt } = await store.load(scope, scopeId);
  if (state.status !== 'set' || setAt === undefined)
    throw new RatingRefusal(
      'RATING.SESSION_LIMITS_NOT_FOUND',
      `${scope} ${scopeId} has no session limits`,
    );
  return {
    scope: state.scope,
    scopeId: state.scopeId,
    version: state.settings,
    setAt,
    limits: state.limits,
  };
}
