/**
 * The limits that bound one session: the tightest, per kind, of the operator's setting in
 * effect at the session's start for its station, its token's account and driver, and
 * its tariff (the latest recorded at or before the start, by envelope time: a policy set
 * after the start never applies, so a replay decides the same), and of the limits its
 * driver set for the session, each from its envelope time on, compared with the station
 * time of the facts being checked (they only tighten). On a tie the first of station,
 * account, driver, tariff, session names the scope.
 */
import Decimal from 'decimal.js';
import {
  LIMIT_SCOPES,
  OPERATOR_LIMIT_SCOPES,
  SESSION_LIMIT_KINDS,
  type LimitScope,
  type SessionLimitKind,
  type SessionLimitValues,
} from '@chargeledger/contracts';
import { inEffectAt, type EffectiveFact } from '../tariff/tariff-version.resolve';

/** A setting recorded for one of the session's scopes (the reader picks the session's ids). */
export interface LimitSetting extends EffectiveFact {
  readonly scope: LimitScope;
  readonly limits: SessionLimitValues;
}

export interface EffectiveLimit {
  /** Seconds, Wh or cost excl. VAT, as a decimal string. */
  readonly value: string;
  readonly scope: LimitScope;
}

export type EffectiveLimits = Readonly<Partial<Record<SessionLimitKind, EffectiveLimit>>>;

const VALUE_OF: Readonly<
  Record<SessionLimitKind, (limits: SessionLimitValues) => string | undefined>
> = {
  duration: (l) => (l.maxDurationS === undefined ? undefined : String(l.maxDurationS)),
  energy: (l) => (l.maxEnergyWh === undefined ? undefined : String(l.maxEnergyWh)),
  cost: (l) => l.maxCostExclVat,
};

function applicable(
  settings: readonly LimitSetting[],
  startedAt: string,
  at: string,
): { scope: LimitScope; limits: SessionLimitValues }[] {
  const policies = OPERATOR_LIMIT_SCOPES.flatMap((scope) => {
    const setting = inEffectAt(
      settings.filter((s) => s.scope === scope),
      startedAt,
    );
    return setting === undefined ? [] : [setting];
  });
  const atMs = Date.parse(at);
  const own = settings.filter((s) => s.scope === 'session' && Date.parse(s.effectiveFrom) <= atMs);
  return [...policies, ...own].sort(
    (a, b) => LIMIT_SCOPES.indexOf(a.scope) - LIMIT_SCOPES.indexOf(b.scope),
  );
}

export function effectiveLimits(
  settings: readonly LimitSetting[],
  startedAt: string,
  at: string,
): EffectiveLimits {
  const result: Partial<Record<SessionLimitKind, EffectiveLimit>> = {};
  for (const { scope, limits } of applicable(settings, startedAt, at))
    for (const kind of SESSION_LIMIT_KINDS) {
      const value = VALUE_OF[kind](limits);
      const current = result[kind];
      if (value !== undefined && (current === undefined || new Decimal(value).lt(current.value)))
        result[kind] = { value, scope };
    }
  return result;
}
