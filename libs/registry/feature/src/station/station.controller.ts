/** Operator API for stations: register (with EVSEs and connectors), list, get, assign a tariff. */
import { Body, Controller, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { evseSpec, ocppVersion, registryExternalId } from '@chargeledger/contracts';
import { decideStation, RegistryRefusal, type StationState } from '@chargeledger/registry/domain';
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
import { ianaTimeZone } from '../site/site.controller';
import { SITES, STATIONS } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

const registerStationBody = z.strictObject({
  stationId: registryExternalId,
  siteId: registryExternalId,
  ocppVersion,
  timeZone: ianaTimeZone,
  evses: z.array(evseSpec).min(1).max(64),
  credentialsRef: z.string().min(1).max(255),
});
const assignTariffBody = z.strictObject({ tariffId: z.string().min(1).max(36) });
const stationParams = operatorParams.extend({ stationId: registryExternalId });
const evseParams = stationParams.extend({ evseId: z.coerce.number().int().min(1).max(999) });
const stationView = registerStationBody.extend({
  timeZone: z.string(),
  tariffId: z.string().nullable(),
  /** EVSE id → the tariff that applies at that EVSE instead of the station's. */
  evseTariffs: z.record(z.string(), z.string()),
});
type StationView = z.infer<typeof stationView>;

function viewOf(state: StationState, stationId: string): StationView {
  if (state.status !== 'registered')
    throw new RegistryRefusal(
      'REGISTRY.STATION_NOT_FOUND',
      `station ${stationId} is not registered`,
    );
  const { status: _, ...view } = state;
  return view;
}

@Controller(`${OPERATOR_ROUTE}/stations`)
@Authenticated('operator')
export class StationController extends ReadEndpoints({
  tag: 'stations',
  view: stationView,
  path: stationParams,
  idParam: 'stationId',
  list: { operationId: 'listStations', summary: 'List stations in id order' },
  get: { operationId: 'getStation', summary: 'Get a station' },
}) {
  protected readonly resource;

  constructor(
    executor: RegistryCommandExecutor,
    private readonly store: RegistryStateStore,
  ) {
    super();
    this.resource = new AggregateResource(executor, store, {
      spec: STATIONS,
      decide: decideStation,
      views: viewsOf(viewOf),
    });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'registerStation',
    summary: 'Register a station at a site, with its EVSEs and connectors',
    tag: 'stations',
    params: operatorParams,
    body: registerStationBody,
    idempotent: true,
    response: { status: 201, schema: stationView },
    problems: [409, 422, 503],
  })
  register(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<StationView> {
    return asOperator(params, async () => {
      const command = validated(registerStationBody, body, 'body');
      const { state: site } = await this.store.load(SITES, command.siteId);
      return this.resource.execute(command.stationId, key, {
        type: 'RegisterStation',
        ...command,
        site,
      });
    });
  }

  @Put(':stationId/tariff')
  @ApiOperation({
    operationId: 'assignStationTariff',
    summary: 'Assign the tariff that applies at a station',
    tag: 'stations',
    params: stationParams,
    body: assignTariffBody,
    idempotent: true,
    response: { status: 200, schema: stationView },
    problems: [404, 409, 422, 503],
  })
  assignTariff(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<StationView> {
    return asOperator(params, async () => {
      const { stationId } = validated(stationParams, params, 'path');
      const { tariffId } = validated(assignTariffBody, body, 'body');
      return this.resource.execute(stationId, key, {
        type: 'AssignStationTariff',
        stationId,
        tariffId,
      });
    });
  }

  @Put(':stationId/evses/:evseId/tariff')
  @ApiOperation({
    operationId: 'assignEvseTariff',
    summary: "Assign the tariff that applies at one EVSE of a station, instead of the station's",
    tag: 'stations',
    params: evseParams,
    body: assignTariffBody,
    idempotent: true,
    response: { status: 200, schema: stationView },
    problems: [404, 409, 422, 503],
  })
  assignEvseTariff(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<StationView> {
    return asOperator(params, async () => {
      const { stationId, evseId } = validated(evseParams, params, 'path');
      const { tariffId } = validated(assignTariffBody, body, 'body');
      return this.resource.execute(stationId, key, {
        type: 'AssignEvseTariff',
        stationId,
        evseId,
        tariffId,
      });
    });
  }
}
