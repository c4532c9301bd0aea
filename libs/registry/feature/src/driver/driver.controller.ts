/**
 * Operator API for drivers: register (pseudonymous id in the event; name and e-mail only
 * in the registry's table), list, get, and erase personal data on request.
 */
import { Body, Controller, Delete, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { pseudonymousId, utcTimestamp } from '@chargeledger/contracts';
import { decideDriver, RegistryRefusal, type DriverState } from '@chargeledger/registry/domain';
import {
  ApiOperation,
  asOperator,
  idempotencyKeyOf,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
  Authenticated,
} from '@chargeledger/platform/http';
import { mintedId } from '../commands/minted-id';
import { RegistryCommandExecutor } from '../commands/registry-command.executor';
import { ReadEndpoints } from '../http/read-endpoints';
import { AggregateResource } from '../http/aggregate-resource';
import { PersonalDataStore, type DriverPersonalData } from '../state/personal-data.store';
import { ACCOUNTS, DRIVERS } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

const registerDriverBody = z.strictObject({
  accountId: pseudonymousId,
  name: z.string().min(1).max(200),
  email: z.email().max(254),
});
const driverParams = operatorParams.extend({ driverId: pseudonymousId });
const driverView = z.object({
  driverId: pseudonymousId,
  accountId: pseudonymousId,
  status: z.enum(['registered', 'erased']),
  personalData: z.object({ name: z.string(), email: z.string() }).nullable(),
  personalDataErasedAt: utcTimestamp.nullable(),
});
type DriverView = z.infer<typeof driverView>;

function viewOf(
  state: DriverState,
  id: string,
  personal: Map<string, DriverPersonalData>,
): DriverView {
  if (state.status === 'unregistered')
    throw new RegistryRefusal('REGISTRY.DRIVER_NOT_FOUND', `driver ${id} is not registered`);
  return {
    driverId: state.driverId,
    accountId: state.accountId,
    status: state.status,
    personalData: state.status === 'erased' ? null : (personal.get(id) ?? null),
    personalDataErasedAt: state.status === 'erased' ? state.erasedAt : null,
  };
}

@Controller(`${OPERATOR_ROUTE}/drivers`)
@Authenticated('operator')
export class DriverController extends ReadEndpoints({
  tag: 'drivers',
  view: driverView,
  path: driverParams,
  idParam: 'driverId',
  list: { operationId: 'listDrivers', summary: 'List drivers in id order' },
  get: { operationId: 'getDriver', summary: 'Get a driver' },
}) {
  protected readonly resource;

  constructor(
    private readonly executor: RegistryCommandExecutor,
    private readonly store: RegistryStateStore,
    private readonly personalData: PersonalDataStore,
  ) {
    super();
    this.resource = new AggregateResource(executor, store, {
      spec: DRIVERS,
      decide: decideDriver,
      views: async (rows) => {
        const personal = await personalData.drivers(rows.map((row) => row.id));
        return rows.map((row) => viewOf(row.state, row.id, personal));
      },
    });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'registerDriver',
    summary: 'Register a driver on a customer account',
    tag: 'drivers',
    params: operatorParams,
    body: registerDriverBody,
    idempotent: true,
    response: { status: 201, schema: driverView },
    problems: [409, 422, 503],
  })
  register(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<DriverView> {
    return asOperator(params, async () => {
      const { accountId, name, email } = validated(registerDriverBody, body, 'body');
      const idempotencyKey = idempotencyKeyOf(key);
      const eventId = this.executor.eventIdFor(idempotencyKey);
      const driverId = mintedId(eventId, 'driver');
      const { state: account } = await this.store.load(ACCOUNTS, accountId);
      const command = { type: 'RegisterDriver', driverId, accountId, account } as const;
      await this.resource.append(driverId, idempotencyKey, command, eventId);
      await this.personalData.saveDriver(driverId, { name, email });
      return this.resource.view(driverId);
    });
  }

  @Delete(':driverId/personal-data')
  @ApiOperation({
    operationId: 'eraseDriverPersonalData',
    summary: "Erase a driver's personal data; the pseudonymous id and the billing log stay",
    tag: 'drivers',
    params: driverParams,
    idempotent: true,
    response: { status: 200, schema: driverView },
    problems: [404, 409, 422, 503],
  })
  erase(@Param() params: unknown, @Headers('idempotency-key') key: unknown): Promise<DriverView> {
    return asOperator(params, async () => {
      const { driverId } = validated(driverParams, params, 'path');
      // Every input is checked before anything is erased.
      const idempotencyKey = idempotencyKeyOf(key);
      const at = new Date().toISOString();
      const command = { type: 'EraseDriverPersonalData', driverId, at } as const;
      const { state } = await this.store.load(DRIVERS, driverId);
      // Refused requests erase nothing; accepted ones delete before the event is appended,
      // so a crash in between leaves no personal data behind an unrecorded erasure.
      if (state.status === 'unregistered')
        throw new RegistryRefusal(
          'REGISTRY.DRIVER_NOT_FOUND',
          `driver ${driverId} is not registered`,
        );
      await this.personalData.eraseDriver(driverId);
      await this.resource.append(driverId, idempotencyKey, command);
      return this.resource.view(driverId);
    });
  }
}
