/**
 * Loyalty membership: one per driver, addressed by the driver's pseudonymous id. A member
 * has a tier and an integer points balance that only events move: earned, redeemed (never
 * below zero; for a reason, or for a credit on the next charging bills) and tier changes. Points are not money; they stay exact as safe integers
 * because every event and the balance are bounded.
 */
import { z } from 'zod';
import {
  loyaltyTier,
  pseudonymousId,
  type EventData,
  type LoyaltyMembershipJoinedV1,
  type LoyaltyPointsEarnedV1,
  type LoyaltyPointsRedeemedForCreditV1,
  type LoyaltyPointsRedeemedV1,
  type LoyaltyTier,
  type LoyaltyTierChangedV1,
} from '@chargeledger/contracts';
import type { DriverState } from '../driver/driver.decider';
import { assertNever } from '../shared/assert-never';
import { refuse } from '../shared/registry-refusal';

export const LOYALTY_BALANCE_MAX = 1_000_000_000;

export const loyaltyMembershipStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('not_member') }),
  z.strictObject({
    status: z.literal('member'),
    driverId: pseudonymousId,
    tier: loyaltyTier,
    pointsBalance: z.int().min(0).max(LOYALTY_BALANCE_MAX),
  }),
]);
export type LoyaltyMembershipState = z.infer<typeof loyaltyMembershipStateSchema>;
type Member = Extract<LoyaltyMembershipState, { status: 'member' }>;

type Data<D> = { readonly data: EventData<D> };
export type LoyaltyMembershipEvent =
  | ({ readonly type: 'LoyaltyMembershipJoined' } & Data<typeof LoyaltyMembershipJoinedV1>)
  | ({ readonly type: 'LoyaltyPointsEarned' } & Data<typeof LoyaltyPointsEarnedV1>)
  | ({ readonly type: 'LoyaltyPointsRedeemed' } & Data<typeof LoyaltyPointsRedeemedV1>)
  | ({ readonly type: 'LoyaltyTierChanged' } & Data<typeof LoyaltyTierChangedV1>)
  | ({
      readonly type: 'LoyaltyPointsRedeemedForCredit';
    } & Data<typeof LoyaltyPointsRedeemedForCreditV1>);

type PointsMove = EventData<typeof LoyaltyPointsEarnedV1>;
export type LoyaltyMembershipCommand =
  | {
      readonly type: 'JoinLoyalty';
      readonly driverId: string;
      readonly tier: LoyaltyTier;
      /** The driver as the registry knows it. */
      readonly driver: DriverState;
    }
  | ({ readonly type: 'EarnLoyaltyPoints' } & PointsMove)
  | ({ readonly type: 'RedeemLoyaltyPoints' } & PointsMove)
  | { readonly type: 'ChangeLoyaltyTier'; readonly driverId: string; readonly tier: LoyaltyTier }
  | {
      readonly type: 'RedeemLoyaltyPointsForCredit';
      readonly driverId: string;
      readonly points: number;
    };

export const loyaltyMembershipInitialState: LoyaltyMembershipState = { status: 'not_member' };

export function evolveLoyaltyMembership(
  state: LoyaltyMembershipState,
  event: LoyaltyMembershipEvent,
): LoyaltyMembershipState {
  if (event.type === 'LoyaltyMembershipJoined')
    return {
      status: 'member',
      driverId: event.data.driverId,
      tier: event.data.tier,
      pointsBalance: 0,
    };
  if (state.status === 'not_member') return state;
  switch (event.type) {
    case 'LoyaltyPointsEarned':
      return { ...state, pointsBalance: state.pointsBalance + event.data.points };
    case 'LoyaltyPointsRedeemed':
    case 'LoyaltyPointsRedeemedForCredit':
      return { ...state, pointsBalance: state.pointsBalance - event.data.points };
    case 'LoyaltyTierChanged':
      return { ...state, tier: event.data.toTier };
    default:
      return assertNever(event);
  }
}

export function decideLoyaltyMembership(
  command: LoyaltyMembershipCommand,
  state: LoyaltyMembershipState,
): LoyaltyMembershipEvent[] {
  const { driverId } = command;
  switch (command.type) {
    case 'JoinLoyalty':
      if (state.status === 'member')
        refuse('REGISTRY.LOYALTY_ALREADY_MEMBER', `driver ${driverId} is a ${state.tier} member`);
      if (command.driver.status === 'unregistered')
        refuse('REGISTRY.UNKNOWN_DRIVER', `driver ${driverId} is not registered`);
      return [{ type: 'LoyaltyMembershipJoined', data: { driverId, tier: command.tier } }];
    case 'EarnLoyaltyPoints': {
      const member = memberOf(state, driverId);
      if (member.pointsBalance + command.points > LOYALTY_BALANCE_MAX)
        refuse(
          'REGISTRY.LOYALTY_BALANCE_LIMIT_EXCEEDED',
          `a balance holds at most ${LOYALTY_BALANCE_MAX}`,
        );
      const { points, reason } = command;
      return [{ type: 'LoyaltyPointsEarned', data: { driverId, points, reason } }];
    }
    case 'RedeemLoyaltyPoints': {
      redeemable(state, driverId, command.points);
      const { points, reason } = command;
      return [{ type: 'LoyaltyPointsRedeemed', data: { driverId, points, reason } }];
    }
    case 'RedeemLoyaltyPointsForCredit': {
      redeemable(state, driverId, command.points);
      const { points } = command;
      return [{ type: 'LoyaltyPointsRedeemedForCredit', data: { driverId, points } }];
    }
    case 'ChangeLoyaltyTier': {
      const member = memberOf(state, driverId);
      if (member.tier === command.tier)
        refuse('REGISTRY.LOYALTY_TIER_UNCHANGED', `the member is already ${command.tier}`);
      const data = { driverId, fromTier: member.tier, toTier: command.tier };
      return [{ type: 'LoyaltyTierChanged', data }];
    }
    default:
      return assertNever(command);
  }
}

function redeemable(state: LoyaltyMembershipState, driverId: string, points: number): void {
  const member = memberOf(state, driverId);
  if (points > member.pointsBalance)
    refuse(
      'REGISTRY.LOYALTY_INSUFFICIENT_POINTS',
      `${points} points asked, ${member.pointsBalance} available`,
    );
}

function memberOf(state: LoyaltyMembershipState, driverId: string): Member {
  if (state.status === 'not_member')
    refuse('REGISTRY.LOYALTY_MEMBERSHIP_NOT_FOUND', `driver ${driverId} is not a member`);
  return state;
}
