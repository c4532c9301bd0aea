/**
 * Wire values of session limits: who a limit belongs to (a station, a customer account,
 * a driver or a tariff, set by the operator; or one session, set by its driver), what it
 * bounds (duration, energy, cost excl. VAT in the currency of the session's tariff), and
 * the bounds themselves. Energy is whole Wh, like the meters; cost an exact decimal string.
 */
import { z } from 'zod';
import { decimalString } from './values';

export const OPERATOR_LIMIT_SCOPES = ['station', 'account', 'driver', 'tariff'] as const;
export const LIMIT_SCOPES = [...OPERATOR_LIMIT_SCOPES, 'session'] as const;
export const limitScope = z.enum(LIMIT_SCOPES);
export type LimitScope = z.infer<typeof limitScope>;

export const SESSION_LIMIT_KINDS = ['duration', 'energy', 'cost'] as const;
export const sessionLimitKind = z.enum(SESSION_LIMIT_KINDS);
export type SessionLimitKind = z.infer<typeof sessionLimitKind>;

/** A week: no charging session is meant to last longer. */
export const LIMIT_DURATION_S_MAX = 604_800;
/** 10 MWh: far above any vehicle battery. */
export const LIMIT_ENERGY_WH_MAX = 10_000_000;

const positiveDecimalString = decimalString.refine(
  (v) => !v.startsWith('-') && /[1-9]/.test(v),
  'must be a positive decimal string such as "25.00"',
);

export const sessionLimitValues = z.strictObject({
  maxDurationS: z.int().min(1).max(LIMIT_DURATION_S_MAX).optional(),
  maxEnergyWh: z.int().min(1).max(LIMIT_ENERGY_WH_MAX).optional(),
  /** Excl. VAT, in the currency of the session's tariff. */
  maxCostExclVat: positiveDecimalString.optional(),
});
export type SessionLimitValues = z.infer<typeof sessionLimitValues>;
