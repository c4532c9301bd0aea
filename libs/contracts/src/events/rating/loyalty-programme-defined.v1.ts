/**
 * An operator defined its loyalty programme (subject per operator in EVT_RATING; it holds
 * until the next definition). Per tier: what the engine gives off a member's session
 * (free kWh first, then a percentage off the rest; overstay fees are never discounted)
 * and how many points a rated session earns per whole currency unit billed. A tier not
 * listed gets neither. `pointValue` is what one point redeemed for a bill credit is worth
 * (LoyaltyPointsRedeemedForCredit, valued with the definition in effect when recorded). Rating applies the definition in effect at a session's start.
 * Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { currencyCode, nonNegativeDecimalString } from '../../values/values';
import { loyaltyTier } from '../../values/registry-values';

/** A percentage from "0" to "100" as an exact decimal string. */
const percent = nonNegativeDecimalString.refine(
  (value) => /^(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)$/.test(value),
  'must be a percentage from "0" to "100"',
);

export const loyaltyTierTerms = z.strictObject({
  tier: loyaltyTier,
  /** kWh given free at the start of each session, exact decimal. */
  freeKwh: nonNegativeDecimalString.optional(),
  /** Percentage off the session after the free kWh. */
  percentOff: percent.optional(),
  /** Points per whole currency unit of the billable total (incl. VAT when billed with VAT). */
  pointsPerCurrencyUnit: z.int().min(0).max(1_000),
});

export const LoyaltyProgrammeDefinedV1 = defineEvent({
  context: 'rating',
  name: 'LoyaltyProgrammeDefined',
  version: 1,
  aggregate: 'loyalty-programme',
  schema: z.strictObject({
    tiers: z
      .array(loyaltyTierTerms)
      .max(16)
      .refine(
        (tiers) => new Set(tiers.map((t) => t.tier)).size === tiers.length,
        'each tier at most once',
      ),
    /** Excl. VAT, per point; absent = points redeemed for credit are worth nothing. */
    pointValue: z
      .strictObject({ amount: nonNegativeDecimalString, currency: currencyCode })
      .optional(),
  }),
});
