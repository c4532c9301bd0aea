/**
 * Loyalty through the engine: a member's tier in effect at the session's start and the
 * operator's programme in effect then give the tier's terms. The engine applies their
 * discount (free kWh at the prices they were charged at, then percent off; overstay
 * never discounted) as DISCOUNT lines before the one settlement; the points a rated
 * session earns are the whole currency units of its billable total (incl. VAT when
 * billed with VAT) times the tier's points per unit, capped at what one event may carry.
 */
import Decimal from 'decimal.js';
import {
  LOYALTY_POINTS_PER_EVENT_MAX,
  type EventData,
  type LoyaltyPointsAccruedV1,
  type LoyaltyTier,
  type SessionRatedV1,
} from '@chargeledger/contracts';
import type { LoyaltyOption } from '@chargeledger/rating/tariff';
import { inEffectAt } from '../tariff/tariff-version.resolve';
import type { LoyaltyTierTerms, MemberFacts } from '../member/member-facts';

export interface MemberLoyalty {
  readonly tier: LoyaltyTier;
  readonly terms: LoyaltyTierTerms;
}

export function loyaltyAt(
  member: MemberFacts | undefined,
  instant: string,
): MemberLoyalty | undefined {
  if (member === undefined) return undefined;
  const tier = inEffectAt(member.tierChanges, instant)?.tier;
  const terms = inEffectAt(member.programmes, instant)?.tiers.find((t) => t.tier === tier);
  return tier === undefined || terms === undefined ? undefined : { tier, terms };
}

/** The engine's loyalty option for the tier's terms; undefined when they give nothing. */
export function loyaltyOptionOf(loyalty: MemberLoyalty | undefined): LoyaltyOption | undefined {
  const { freeKwh, percentOff } = loyalty?.terms ?? {};
  const option = {
    ...(freeKwh === undefined || new Decimal(freeKwh).isZero() ? {} : { freeKwh }),
    ...(percentOff === undefined || new Decimal(percentOff).isZero() ? {} : { percentOff }),
  };
  return Object.keys(option).length === 0 ? undefined : option;
}

export type LoyaltyAccrual = EventData<typeof LoyaltyPointsAccruedV1>;

/** The points a member's rated session earns; undefined when none. */
export function loyaltyAccrualOf(
  member: MemberFacts | undefined,
  rated: EventData<typeof SessionRatedV1>,
): LoyaltyAccrual | undefined {
  const loyalty = loyaltyAt(member, rated.startedAt);
  if (member === undefined || loyalty === undefined) return undefined;
  const billed = new Decimal(rated.billable.total.incl_vat ?? rated.billable.total.excl_vat);
  const earned = billed
    .floor()
    .times(loyalty.terms.pointsPerCurrencyUnit)
    .clampedTo(0, LOYALTY_POINTS_PER_EVENT_MAX);
  if (earned.isZero()) return undefined;
  return {
    driverId: member.driverId,
    sessionId: rated.sessionId,
    tier: loyalty.tier,
    points: earned.toNumber(),
  };
}
