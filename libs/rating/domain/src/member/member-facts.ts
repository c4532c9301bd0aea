/**
 * What rating knows of the driver behind a session, from the registry's log and its own
 * loyalty programme: the driver's group membership changes, loyalty tier changes and
 * redemptions for bill credit, the
 * operator's group tariff assignments and programme definitions. Every one is a history
 * of facts with the envelope time they were recorded at, so what held at a session's
 * start is decidable from the log alone (a driver added to a group after the start does
 * not change that session's price).
 */
import type { EventData, LoyaltyProgrammeDefinedV1, LoyaltyTier } from '@chargeledger/contracts';
import type { EffectiveFact } from '../tariff/tariff-version.resolve';

export interface GroupMembershipChange extends EffectiveFact {
  readonly groupId: string;
  /** True when the driver was added, false when removed. */
  readonly member: boolean;
}

export interface GroupTariffAssignment extends EffectiveFact {
  readonly groupId: string;
  readonly tariffId: string;
  /** The one station it applies at, or null. */
  readonly stationId: string | null;
  /** The site at whose stations it applies, or null; with neither, every station. */
  readonly siteId: string | null;
}

export interface LoyaltyTierFact extends EffectiveFact {
  readonly tier: LoyaltyTier;
}

export type LoyaltyTierTerms = EventData<typeof LoyaltyProgrammeDefinedV1>['tiers'][number];

export interface LoyaltyProgrammeFact extends EffectiveFact {
  readonly tiers: readonly LoyaltyTierTerms[];
  readonly pointValue?: { readonly amount: string; readonly currency: string } | undefined;
}

/** Points the member redeemed for a bill credit, recorded at `effectiveFrom`. */
export interface LoyaltyCreditGrant extends EffectiveFact {
  readonly points: number;
}

export interface MemberFacts {
  readonly driverId: string;
  /** The driver's own group membership changes. */
  readonly groupChanges: readonly GroupMembershipChange[];
  /** Every group tariff assignment of the operator. */
  readonly groupTariffs: readonly GroupTariffAssignment[];
  /** The driver's loyalty tier as joined and changed; empty = not a member. */
  readonly tierChanges: readonly LoyaltyTierFact[];
  /** Every definition of the operator's loyalty programme. */
  readonly programmes: readonly LoyaltyProgrammeFact[];
  /** The member's redemptions for bill credit. */
  readonly creditGrants: readonly LoyaltyCreditGrant[];
}
