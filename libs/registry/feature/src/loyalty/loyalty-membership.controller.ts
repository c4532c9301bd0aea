/**
 * Operator API for loyalty memberships, one per driver and addressed by the driver's id:
 * join at a tier, earn and redeem integer points, change tier, list, get. Each change is
 * an event; the balance is what those events add up to.
 */
import { Body, Controller, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  loyaltyPoints,
  loyaltyPointsReason,
  loyaltyTier,
  pseudonymousId,
} from '@chargeledger/contracts';
import {
  decideLoyaltyMembership,
  RegistryRefusal,
  type LoyaltyMembershipState,
} from '@chargeledger/registry/domain';
import {
  ApiOperation,
  type ApiOperationSpec,
  asOperator,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
  Authenticated,
} from '@chargeledger/platform/http';
import { RegistryCommandExecutor } from '../commands/registry-command.executor';
import { ReadEndpoints } from '../http/read-endpoints';
import { AggregateResource, viewsOf } from '../http/aggregate-resource';
import { DRIVERS, LOYALTY_MEMBERSHIPS } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

const joinBody = z.strictObject({ driverId: pseudonymousId, tier: loyaltyTier });
const pointsBody = z.strictObject({ points: loyaltyPoints, reason: loyaltyPointsReason });
const tierBody = z.strictObject({ tier: loyaltyTier });
const creditBody = z.strictObject({ points: loyaltyPoints });
const memberParams = operatorParams.extend({ driverId: pseudonymousId });
const membershipView = z.object({
  driverId: pseudonymousId,
  tier: loyaltyTier,
  pointsBalance: z.int().min(0),
});
type MembershipView = z.infer<typeof membershipView>;

function viewOf(state: LoyaltyMembershipState, driverId: string): MembershipView {
  if (state.status === 'not_member')
    throw new RegistryRefusal(
      'REGISTRY.LOYALTY_MEMBERSHIP_NOT_FOUND',
      `driver ${driverId} is not a member`,
    );
  const { tier, pointsBalance } = state;
  return { driverId: state.driverId, tier, pointsBalance };
}

const memberCommand = (operationId: string, summary: string, body: z.ZodType) =>
  ({
    operationId,
    summary,
    tag: 'loyalty',
    params: memberParams,
    body,
    idempotent: true,
    response: { status: 200, schema: membershipView },
    problems: [404, 409, 422, 503],
  }) satisfies ApiOperationSpec;

@Controller(`${OPERATOR_ROUTE}/loyalty-memberships`)
@Authenticated('operator')
export class LoyaltyMembershipController extends ReadEndpoints({
  tag: 'loyalty',
  view: membershipView,
  path: memberParams,
  idParam: 'driverId',
  list: {
    operationId: 'listLoyaltyMemberships',
    summary: 'List loyalty memberships in driver id order',
  },
  get: {
    operationId: 'getLoyaltyMembership',
    summary: "Get a driver's loyalty membership: tier and points balance",
  },
}) {
  protected readonly resource;

  constructor(
    executor: RegistryCommandExecutor,
    private readonly store: RegistryStateStore,
  ) {
    super();
    this.resource = new AggregateResource(executor, store, {
      spec: LOYALTY_MEMBERSHIPS,
      decide: decideLoyaltyMembership,
      views: viewsOf(viewOf),
    });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'joinLoyalty',
    summary: 'Enrol a registered driver in the loyalty programme at a tier',
    tag: 'loyalty',
    params: operatorParams,
    body: joinBody,
    idempotent: true,
    response: { status: 201, schema: membershipView },
    problems: [409, 422, 503],
  })
  join(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<MembershipView> {
    return asOperator(params, async () => {
      const { driverId, tier } = validated(joinBody, body, 'body');
      const { state: driver } = await this.store.load(DRIVERS, driverId);
      return this.resource.execute(driverId, key, {
        type: 'JoinLoyalty',
        driverId,
        tier,
        driver,
      });
    });
  }

  @Post(':driverId/points/earn')
  @HttpCode(200)
  @ApiOperation(memberCommand('earnLoyaltyPoints', 'Credit points to a member', pointsBody))
  earn(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<MembershipView> {
    return asOperator(params, async () => {
      const { driverId } = validated(memberParams, params, 'path');
      const points = validated(pointsBody, body, 'body');
      return this.resource.execute(driverId, key, {
        type: 'EarnLoyaltyPoints',
        driverId,
        ...points,
      });
    });
  }

  @Post(':driverId/points/redeem')
  @HttpCode(200)
  @ApiOperation(
    memberCommand('redeemLoyaltyPoints', 'Redeem points, never more than the balance', pointsBody),
  )
  redeem(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<MembershipView> {
    return asOperator(params, async () => {
      const { driverId } = validated(memberParams, params, 'path');
      const points = validated(pointsBody, body, 'body');
      return this.resource.execute(driverId, key, {
        type: 'RedeemLoyaltyPoints',
        driverId,
        ...points,
      });
    });
  }

  @Post(':driverId/points/redeem-for-credit')
  @HttpCode(200)
  @ApiOperation(
    memberCommand(
      'redeemLoyaltyPointsForCredit',
      'Redeem points for a credit rating takes off the next charging bills',
      creditBody,
    ),
  )
  redeemForCredit(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<MembershipView> {
    return asOperator(params, async () => {
      const { driverId } = validated(memberParams, params, 'path');
      const { points } = validated(creditBody, body, 'body');
      return this.resource.execute(driverId, key, {
        type: 'RedeemLoyaltyPointsForCredit',
        driverId,
        points,
      });
    });
  }

  @Put(':driverId/tier')
  @ApiOperation(memberCommand('changeLoyaltyTier', "Change a member's tier", tierBody))
  changeTier(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<MembershipView> {
    return asOperator(params, async () => {
      const { driverId } = validated(memberParams, params, 'path');
      const { tier } = validated(tierBody, body, 'body');
      return this.resource.execute(driverId, key, { type: 'ChangeLoyaltyTier', driverId, tier });
    });
  }
}
