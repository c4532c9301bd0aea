import type { DriverState } from '../driver/driver.decider';
import { specOf } from '../testing/given-when-then';
import {
  decideLoyaltyMembership,
  evolveLoyaltyMembership,
  LOYALTY_BALANCE_MAX,
  loyaltyMembershipInitialState,
  type LoyaltyMembershipEvent,
} from './loyalty-membership.decider';

const given = specOf({
  initialState: loyaltyMembershipInitialState,
  evolve: evolveLoyaltyMembership,
  decide: decideLoyaltyMembership,
});
const accountId = '0190c3d2-7b1a-7c4e-9f00-00000000a001';
const driverId = '0190c3d2-7b1a-7c4e-9f00-00000000d001';
const driver: DriverState = { status: 'registered', driverId, accountId };
const join = { type: 'JoinLoyalty', driverId, tier: 'BASIC', driver } as const;
const joined: LoyaltyMembershipEvent = {
  type: 'LoyaltyMembershipJoined',
  data: { driverId, tier: 'BASIC' },
};
const earned = (points: number): LoyaltyMembershipEvent => ({
  type: 'LoyaltyPointsEarned',
  data: { driverId, points, reason: 'CHARGING_SESSION' },
});
const redeem = (points: number) =>
  ({ type: 'RedeemLoyaltyPoints', driverId, points, reason: 'REWARD' }) as const;
const earn = (points: number) =>
  ({ type: 'EarnLoyaltyPoints', driverId, points, reason: 'CHARGING_SESSION' }) as const;

describe('loyalty membership', () => {
  it('joins a registered driver at a tier, with a zero balance', () => {
    given([]).when(join).then([joined]);
    expect(evolveLoyaltyMembership(loyaltyMembershipInitialState, joined)).toEqual({
      status: 'member',
      driverId,
      tier: 'BASIC',
      pointsBalance: 0,
    });
  });

  it('refuses joining twice and an unregistered driver', () => {
    given([joined]).when(join).thenRefuses('REGISTRY.LOYALTY_ALREADY_MEMBER');
    given([])
      .when({ ...join, driver: { status: 'unregistered' } })
      .thenRefuses('REGISTRY.UNKNOWN_DRIVER');
  });

  it('earns and redeems integer points as events', () => {
    given([joined])
      .when(earn(120))
      .then([earned(120)]);
    given([joined, earned(120)])
      .when(redeem(120))
      .then([{ type: 'LoyaltyPointsRedeemed', data: { driverId, points: 120, reason: 'REWARD' } }]);
  });

  it('refuses redeeming more than the balance', () => {
    given([joined, earned(50)])
      .when(redeem(51))
      .thenRefuses('REGISTRY.LOYALTY_INSUFFICIENT_POINTS');
    given([joined]).when(redeem(1)).thenRefuses('REGISTRY.LOYALTY_INSUFFICIENT_POINTS');
  });

  it('redeems points for a bill credit, never more than the balance', () => {
    const forCredit = (points: number) =>
      ({ type: 'RedeemLoyaltyPointsForCredit', driverId, points }) as const;
    const redeemed: LoyaltyMembershipEvent = {
      type: 'LoyaltyPointsRedeemedForCredit',
      data: { driverId, points: 30 },
    };
    given([joined, earned(50)])
      .when(forCredit(30))
      .then([redeemed]);
    given([joined, earned(50), redeemed])
      .when(forCredit(21))
      .thenRefuses('REGISTRY.LOYALTY_INSUFFICIENT_POINTS');
    given([]).when(forCredit(1)).thenRefuses('REGISTRY.LOYALTY_MEMBERSHIP_NOT_FOUND');
  });

  it(`refuses a balance above ${LOYALTY_BALANCE_MAX}`, () => {
    const full = Array.from({ length: LOYALTY_BALANCE_MAX / 1_000_000 }, () => earned(1_000_000));
    given([joined, ...full])
      .when(earn(1))
      .thenRefuses('REGISTRY.LOYALTY_BALANCE_LIMIT_EXCEEDED');
  });

  it('changes tier, recording where it came from, and refuses the same tier', () => {
    given([joined])
      .when({ type: 'ChangeLoyaltyTier', driverId, tier: 'GOLD' })
      .then([
        { type: 'LoyaltyTierChanged', data: { driverId, fromTier: 'BASIC', toTier: 'GOLD' } },
      ]);
    given([joined])
      .when({ type: 'ChangeLoyaltyTier', driverId, tier: 'BASIC' })
      .thenRefuses('REGISTRY.LOYALTY_TIER_UNCHANGED');
  });

  it('refuses points and tier changes for a driver who is not a member', () => {
    for (const command of [
      earn(1),
      redeem(1),
      { type: 'ChangeLoyaltyTier', driverId, tier: 'GOLD' } as const,
    ])
      given([]).when(command).thenRefuses('REGISTRY.LOYALTY_MEMBERSHIP_NOT_FOUND');
  });
});
