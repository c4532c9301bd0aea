/**
 * Wire value types of the registry's events: identifiers, OCPP versions, connector power
 * types and OCPI token types. Everything here is pseudonymous or technical; no event of
 * the registry carries a person's name, e-mail or address.
 */
import { z } from 'zod';
import { currencyCode } from './values';

/** An operator (tenant) id as it appears in paths, subjects, tokens and every row. */
export const operatorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lowercase letters, digits or "-"');
/** Operator-chosen ids of sites and stations (OCPI location id, OCPP charge point identity). */
export const registryExternalId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,47}$/, 'must be 1-48 letters, digits, ".", "_" or "-"');
/** Ids the registry mints for accounts and drivers: random, so they reveal nothing. */
export const pseudonymousId = z.uuid();
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');
/** An IANA zone name as resolved by Intl (canonical casing); validated where it enters. */
export const ianaTimeZoneName = z.string().min(1).max(64);

export const OCPP_VERSIONS = ['1.6', '2.0.1'] as const;
export const ocppVersion = z.enum(OCPP_VERSIONS);
export type OcppVersion = z.infer<typeof ocppVersion>;

/** OCPI 2.2.1 PowerType. */
export const POWER_TYPES = ['AC_1_PHASE', 'AC_2_PHASE', 'AC_3_PHASE', 'DC'] as const;
export const powerType = z.enum(POWER_TYPES);

/** OCPI 2.2.1 TokenType. */
export const TOKEN_TYPES = ['RFID', 'APP_USER', 'AD_HOC_USER', 'OTHER'] as const;
export const tokenType = z.enum(TOKEN_TYPES);
export type TokenType = z.infer<typeof tokenType>;

/** Why an operator blocked a token: a closed list, never free text that could hold PII. */
export const TOKEN_BLOCK_REASONS = [
  'LOST',
  'STOLEN',
  'FRAUD_SUSPECTED',
  'OPERATOR_DECISION',
] as const;
export const tokenBlockReason = z.enum(TOKEN_BLOCK_REASONS);

export const ACCOUNT_KINDS = ['individual', 'fleet'] as const;
export const accountKind = z.enum(ACCOUNT_KINDS);
export const BILLING_MODES = ['per_session', 'monthly_statement'] as const;
export const billingMode = z.enum(BILLING_MODES);

export const connectorSpec = z.strictObject({
  connectorId: z.int().min(1).max(99),
  powerType,
  maxPowerW: z.int().min(1).max(2_000_000),
});
export const evseSpec = z.strictObject({
  evseId: z.int().min(1).max(999),
  connectors: z.array(connectorSpec).min(1).max(16),
});

/** Loyalty tiers, lowest first: a closed list rating can price against. */
export const LOYALTY_TIERS = ['BASIC', 'SILVER', 'GOLD', 'PLATINUM'] as const;
export const loyaltyTier = z.enum(LOYALTY_TIERS);
export type LoyaltyTier = z.infer<typeof loyaltyTier>;
/** Why points moved: a closed list, never free text that could hold PII. */
export const LOYALTY_POINTS_REASONS = [
  'CHARGING_SESSION',
  'PROMOTION',
  'REWARD',
  'OPERATOR_ADJUSTMENT',
] as const;
export const loyaltyPointsReason = z.enum(LOYALTY_POINTS_REASONS);
/** Points moved by one event: a positive integer, bounded so balances stay exact. */
export const LOYALTY_POINTS_PER_EVENT_MAX = 1_000_000;
export const loyaltyPoints = z.int().min(1).max(LOYALTY_POINTS_PER_EVENT_MAX);

/**
 * How money is rounded to the currency's minor unit, named as in rating's settlement
 * (the one rounding point). UP and DOWN are away from and towards zero; CEILING and
 * FLOOR towards +/- infinity.
 */
export const ROUNDING_MODES = [
  'HALF_UP',
  'HALF_EVEN',
  'HALF_DOWN',
  'UP',
  'DOWN',
  'CEILING',
  'FLOOR',
] as const;
export const roundingMode = z.enum(ROUNDING_MODES);
/** A VAT rate in percent as an exact decimal string, 0 to 100 with up to 4 decimals. */
export const vatRatePercent = z
  .string()
  .regex(
    /^(100(\.0{1,4})?|[1-9]?[0-9](\.[0-9]{1,4})?)$/,
    'must be a percentage from "0" to "100" with up to 4 decimals, such as "21" or "5.5"',
  );
/** An operator's billing defaults: what rating settles in and how, unless a contract says otherwise. */
export const operatorSettings = z.strictObject({
  currency: currencyCode,
  roundingMode,
  defaultVatRatePercent: vatRatePercent,
});
/** The operator's trading name: a company, never a person's name. */
export const operatorName = z.string().min(1).max(255);
