/**
 * Operator API for driver groups: create, list, get, add a driver, remove a driver, assign
 * the tariff its members are priced with (rating keeps the assignments' history). The
 * group id is operator-chosen; members are pseudonymous driver ids, listed sorted.
 */
import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { pseudonymousId, registryExternalId } from '@chargeledger/contracts';
import {
  decideDriverGroup,
  RegistryRefusal,
  type DriverGroupState,
} from '@chargeledger/registry/domain';
import {
  ApiOperation,
  asOperator,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
  Authenticated,
} from '@chargeledger/platform/http';
import { RegistryCommandExecutor } from '../commands/registry-command.executor';
import { ReadEndpoints } from '../http/read-endpoints';
import { AggregateResource, viewsOf } from '../http/aggregate-resource';
import { DRIVER_GROUPS, DRIVERS, SITES, STATIONS } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

const createGroupBody = z.strictObject({ groupId: registryExternalId });
const addMemberBody = z.strictObject({ driverId: pseudonymousId });
const assignTariffBody = z
  .strictObject({
    tariffId: z.string().min(1).max(36),
    /** Only at this station. */
    stationId: registryExternalId.nullable().optional(),
    /** Only at the stations of this site; with neither, at every station of the operator. */
    siteId: registryExternalId.nullable().optional(),
  })
  .refine((body) => body.stationId == null || body.siteId == null, {
    error: 'name a station or a site, not both',
    path: ['siteId'],
  });
const groupParams = operatorParams.extend({ groupId: registryExternalId });
const memberParams = groupParams.extend({ driverId: pseudonymousId });
const groupView = z.object({ groupId: registryExternalId, driverIds: z.array(pseudonymousId) });
type GroupView = z.infer<typeof groupView>;

function viewOf(state: DriverGroupState, groupId: string): GroupView {
  if (state.status === 'uncreated')
    throw new RegistryRefusal('REGISTRY.DRIVER_GROUP_NOT_FOUND', `group ${groupId} does not exist`);
  return { groupId: state.groupId, driverIds: state.driverIds };
}

@Controller(`${OPERATOR_ROUTE}/driver-groups`)
@Authenticated('operator')
export class DriverGroupController extends ReadEndpoints({
  tag: 'driver-groups',
  view: groupView,
  path: groupParams,
  idParam: 'groupId',
  list: { operationId: 'listDriverGroups', summary: 'List driver groups in id order' },
  get: { operationId: 'getDriverGroup', summary: 'Get a driver group with its members' },
}) {
  protected readonly resource;

  constructor(
    executor: RegistryCommandExecutor,
    private readonly store: RegistryStateStore,
  ) {
    super();
    this.resource = new AggregateResource(executor, store, {
      spec: DRIVER_GROUPS,
      decide: decideDriverGroup,
      views: viewsOf(viewOf),
    });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createDriverGroup',
    summary: 'Create a driver group',
    tag: 'driver-groups',
    params: operatorParams,
    body: createGroupBody,
    idempotent: true,
    response: { status: 201, schema: groupView },
    problems: [409, 422, 503],
  })
  create(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<GroupView> {
    return asOperator(params, async () => {
      const { groupId } = validated(createGroupBody, body, 'body');
      return this.resource.execute(groupId, key, { type: 'CreateDriverGroup', groupId });
    });
  }

  @Post(':groupId/members')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'addDriverToGroup',
    summary: 'Add a registered driver to a group',
    tag: 'driver-groups',
    params: groupParams,
    body: addMemberBody,
    idempotent: true,
    response: { status: 200, schema: groupView },
    problems: [404, 409, 422, 503],
  })
  add(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<GroupView> {
    return asOperator(params, async () => {
      const { groupId } = validated(groupParams, params, 'path');
      const { driverId } = validated(addMemberBody, body, 'body');
      const { state: driver } = await this.store.load(DRIVERS, driverId);
      return this.resource.execute(groupId, key, {
        type: 'AddDriverToGroup',
        groupId,
        driverId,
        driver,
      });
    });
  }

  @Delete(':groupId/members/:driverId')
  @ApiOperation({
    operationId: 'removeDriverFromGroup',
    summary: 'Remove a driver from a group',
    tag: 'driver-groups',
    params: memberParams,
    idempotent: true,
    response: { status: 200, schema: groupView },
    problems: [404, 409, 422, 503],
  })
  remove(@Param() params: unknown, @Headers('idempotency-key') key: unknown): Promise<GroupView> {
    return asOperator(params, async () => {
      const { groupId, driverId } = validated(memberParams, params, 'path');
      return this.resource.execute(groupId, key, {
        type: 'RemoveDriverFromGroup',
        groupId,
        driverId,
      });
    });
  }

  @Put(':groupId/tariff')
  @ApiOperation({
    operationId: 'assignDriverGroupTariff',
    summary:
      "Price the group's members with a tariff: at one station, one site's stations, or every station",
    tag: 'driver-groups',
    params: groupParams,
    body: assignTariffBody,
    idempotent: true,
    response: { status: 200, schema: groupView },
    problems: [404, 409, 422, 503],
  })
  assignTariff(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<GroupView> {
    return asOperator(params, async () => {
      const { groupId } = validated(groupParams, params, 'path');
      const {
        tariffId,
        stationId = null,
        siteId = null,
      } = validated(assignTariffBody, body, 'body');
      const station =
        stationId === null ? undefined : (await this.store.load(STATIONS, stationId)).state;
      const site = siteId === null ? undefined : (await this.store.load(SITES, siteId)).state;
      return this.resource.execute(groupId, key, {
        type: 'AssignDriverGroupTariff',
        groupId,
        tariffId,
        stationId,
        ...(station === undefined ? {} : { station }),
        siteId,
        ...(site === undefined ? {} : { site }),
      });
    });
  }
}
