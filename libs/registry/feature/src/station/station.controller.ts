/** Operator API for stations: register (with EVSEs and connectors), list, get, assign a tariff. */
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UseFilters,
} from '@nestjs/common';
import { z } from 'zod';
import { evseSpec, ocppVersion, registryExternalId } from '@chargeledger/contracts';
import { decideStation, RegistryRefusal, type StationState } from '@chargeledger/registry/domain';
import { RegistryCommandExecutor } from '../commands/registry-command.executor';
import { ApiOperation } from '../http/api-operation.decorator';
import { ProblemFilter, validated } from '../http/problem';
import {
  afterIdOf,
  asOperator,
  idempotencyKeyOf,
  operatorParams,
  OPERATOR_ROUTE,
  pageOf,
  pageQuery,
  pageSchema,
  type Page,
} from '../http/request';
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
const stationView = registerStationBody.extend({
  timeZone: z.string(),
  tariffId: z.string().nullable(),
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
@UseFilters(ProblemFilter)
export class StationController {
  constructor(
    private readonly executor: RegistryCommandExecutor,
    private readonly store: RegistryStateStore,
  ) {}

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
      await this.executor.execute({
        spec: STATIONS,
        id: command.stationId,
        idempotencyKey: idempotencyKeyOf(key),
        decide: (state) => decideStation({ type: 'RegisterStation', ...command, site }, state),
      });
      return this.view(command.stationId);
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
      await this.executor.execute({
        spec: STATIONS,
        id: stationId,
        idempotencyKey: idempotencyKeyOf(key),
        decide: (state) =>
          decideStation({ type: 'AssignStationTariff', stationId, tariffId }, state),
      });
      return this.view(stationId);
    });
  }

  @Get()
  @ApiOperation({
    operationId: 'listStations',
    summary: 'List stations in id order',
    tag: 'stations',
    params: operatorParams,
    query: pageQuery,
    response: { status: 200, schema: pageSchema(stationView) },
    problems: [],
  })
  list(@Param() params: unknown, @Query() query: unknown): Promise<Page<StationView>> {
    return asOperator(params, async () => {
      const { limit, cursor } = validated(pageQuery, query, 'query');
      const page = await this.store.page(STATIONS, limit, afterIdOf(cursor));
      return pageOf(
        page.map((row) => viewOf(row.state, row.id)),
        limit,
        page.at(-1)?.id,
      );
    });
  }

  @Get(':stationId')
  @ApiOperation({
    operationId: 'getStation',
    summary: 'Get a station',
    tag: 'stations',
    params: stationParams,
    response: { status: 200, schema: stationView },
    problems: [404],
  })
  get(@Param() params: unknown): Promise<StationView> {
    return asOperator(params, () => this.view(validated(stationParams, params, 'path').stationId));
  }

  private async view(stationId: string): Promise<StationView> {
    return viewOf((await this.store.load(STATIONS, stationId)).state, stationId);
  }
}
