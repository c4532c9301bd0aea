/**
 * Operator API for the operator itself: onboard (trading name and billing defaults:
 * currency, rounding mode, default VAT rate), read, rename and change settings. The path
 * operator is the token's (the guard makes sure), so an operator only ever onboards and
 * changes itself.
 */
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { operatorName, operatorSettings } from '@chargeledger/contracts';
import { decideOperator, RegistryRefusal, type OperatorState } from '@chargeledger/registry/domain';
import {
  ApiOperation,
  asOperator,
  Authenticated,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
} from '@chargeledger/platform/http';
import { RegistryCommandExecutor } from '../commands/registry-command.executor';
import { AggregateResource, viewsOf } from '../http/aggregate-resource';
import { OPERATORS } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

const onboardBody = z.strictObject({
  name: operatorName,
  settings: operatorSettings.extend({
    roundingMode: operatorSettings.shape.roundingMode.default('HALF_UP'),
  }),
});
const renameBody = z.strictObject({ name: operatorName });
const settingsChangeBody = operatorSettings
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'must name at least one setting');
const operatorView = z.object({
  operatorId: z.string(),
  name: operatorName,
  settings: operatorSettings,
});
type OperatorView = z.infer<typeof operatorView>;

function viewOf(state: OperatorState, operatorId: string): OperatorView {
  if (state.status === 'unregistered')
    throw new RegistryRefusal(
      'REGISTRY.OPERATOR_NOT_FOUND',
      `operator ${operatorId} is not onboarded`,
    );
  const { status: _, ...view } = state;
  return view;
}

const commandOperation = {
  tag: 'operator',
  params: operatorParams,
  idempotent: true,
  response: { status: 200, schema: operatorView },
  problems: [404, 409, 422, 503],
} as const;

@Controller(OPERATOR_ROUTE)
@Authenticated('operator')
export class OperatorController {
  private readonly operators;

  constructor(executor: RegistryCommandExecutor, store: RegistryStateStore) {
    this.operators = new AggregateResource(executor, store, {
      spec: OPERATORS,
      decide: decideOperator,
      views: viewsOf(viewOf),
    });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    ...commandOperation,
    operationId: 'onboardOperator',
    summary:
      'Onboard the operator: trading name and billing defaults (rounding defaults to HALF_UP)',
    body: onboardBody,
    response: { status: 201, schema: operatorView },
    problems: [409, 422, 503],
  })
  onboard(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<OperatorView> {
    return asOperator(params, async () => {
      const { operatorId } = validated(operatorParams, params, 'path');
      const command = validated(onboardBody, body, 'body');
      return this.operators.execute(operatorId, key, {
        type: 'CreateOperator',
        operatorId,
        ...command,
      });
    });
  }

  @Get()
  @ApiOperation({
    operationId: 'getOperator',
    summary: 'Get the operator with its billing defaults',
    tag: 'operator',
    params: operatorParams,
    response: { status: 200, schema: operatorView },
    problems: [404],
  })
  get(@Param() params: unknown): Promise<OperatorView> {
    return this.operators.get(params, operatorParams, (path) => path.operatorId);
  }

  @Put('name')
  @ApiOperation({
    ...commandOperation,
    operationId: 'renameOperator',
    summary: 'Rename the operator',
    body: renameBody,
  })
  rename(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<OperatorView> {
    return asOperator(params, async () => {
      const { operatorId } = validated(operatorParams, params, 'path');
      const { name } = validated(renameBody, body, 'body');
      return this.operators.execute(operatorId, key, { type: 'RenameOperator', operatorId, name });
    });
  }

  @Patch('settings')
  @ApiOperation({
    ...commandOperation,
    operationId: 'changeOperatorSettings',
    summary: 'Change some of the billing defaults; the others keep their value',
    body: settingsChangeBody,
  })
  changeSettings(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<OperatorView> {
    return asOperator(params, async () => {
      const { operatorId } = validated(operatorParams, params, 'path');
      const changes = validated(settingsChangeBody, body, 'body');
      return this.operators.execute(operatorId, key, {
        type: 'ChangeOperatorSettings',
        operatorId,
        changes,
      });
    });
  }
}
