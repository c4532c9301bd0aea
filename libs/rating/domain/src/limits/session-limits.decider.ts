/**
 * The session-limits aggregate (one subject per scope and id in EVT_RATING): the bounds
 * on duration, energy and cost an operator sets for a station, account, driver or
 * tariff, or a driver sets for their own session. Pure: the handler validates the
 * values at the edge and appends what this decides.
 *
 * Rules: a caller that states the number of settings it saw is refused when another was
 * recorded meanwhile; an operator's setting replaces the previous one (an empty one
 * lifts every bound for sessions starting after it); a session's limits only ever
 * tighten: every bound it had stays, at most as high, so a session that reached a limit
 * can never un-reach it and is asked to stop at most once per limit.
 */
import Decimal from 'decimal.js';
import type { LimitScope, SessionLimitValues } from '@chargeledger/contracts';
import { RatingRefusal, type FieldError } from '../shared/rating-refusal';

export type SessionLimitsState =
  | { readonly status: 'unset' }
  | {
      readonly status: 'set';
      readonly scope: LimitScope;
      readonly scopeId: string;
      readonly limits: SessionLimitValues;
      /** How many settings were recorded. */
      readonly settings: number;
    };

export interface SessionLimitsSetData {
  readonly scope: LimitScope;
  readonly scopeId: string;
  readonly limits: SessionLimitValues;
}

export type SessionLimitsEvent = {
  readonly type: 'SessionLimitsSet';
  readonly data: SessionLimitsSetData;
};

export interface SetSessionLimits extends SessionLimitsSetData {
  readonly type: 'SetSessionLimits';
  /** The number of settings the caller saw; refused when another was recorded since. */
  readonly expectedVersion?: number;
}

export const sessionLimitsInitialState: SessionLimitsState = { status: 'unset' };

export function evolveSessionLimits(
  state: SessionLimitsState,
  event: SessionLimitsEvent,
): SessionLimitsState {
  return {
    status: 'set',
    ...event.data,
    settings: (state.status === 'set' ? state.settings : 0) + 1,
  };
}

const FIELDS = ['maxDurationS', 'maxEnergyWh', 'maxCostExclVat'] as const;

function loosened(before: SessionLimitValues, after: SessionLimitValues): FieldError[] {
  return FIELDS.flatMap((field) => {
    const [was, now] = [before[field], after[field]];
    if (was === undefined) return [];
    if (now === undefined)
      return [{ path: field, message: `a session's limit may not be lifted (was ${was})` }];
    return new Decimal(now).greaterThan(was)
      ? [{ path: field, message: `a session's limit may only tighten (was ${was})` }]
      : [];
  });
}

export function decideSessionLimits(
  command: SetSessionLimits,
  state: SessionLimitsState,
): SessionLimitsEvent[] {
  const settings = state.status === 'set' ? state.settings : 0;
  if (command.expectedVersion !== undefined && command.expectedVersion !== settings)
    throw new RatingRefusal(
      'RATING.SESSION_LIMITS_CONFLICT',
      `the limits of ${command.scope} ${command.scopeId} are at version ${settings}, not ${command.expectedVersion}`,
    );
  if (command.scope === 'session' && state.status === 'set') {
    const errors = loosened(state.limits, command.limits);
    if (errors.length > 0)
      throw new RatingRefusal(
        'RATING.SESSION_LIMITS_LOOSENED',
        `the limits of session ${command.scopeId} may only tighten`,
        errors,
      );
  }
  const { scope, scopeId, limits } = command;
  return [{ type: 'SessionLimitsSet', data: { scope, scopeId, limits } }];
}
