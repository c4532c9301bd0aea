/**
 * Operator API for session limits: set (replace) the duration, energy and cost bounds of
 * sessions at a station, of an account's or a driver's sessions, or of sessions priced
 * by a tariff, and read them back. A setting applies to sessions starting after it; the
 * tightest of every applicable one bounds a session (see the domain's
 * effective-limits.resolve.ts), and reaching it asks the station to stop the session.
 */
import { Body, Controller, Get, Headers, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  OPERATOR_LIMIT_SCOPES,
  pseudonymousId,
  registryExternalId,
  tariffId,
} from '@chargeledger/contracts';
import {
  ApiOperation,
  asOperator,
  Authenticated,
  idempotencyKeyOf,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
} from '@chargeledger/platform/http';
import { SessionLimitsExecutor } from './session-limits.executor';
import { limitsBody, limitsView, limitsViewOf, type LimitsView } from './session-limits.http';
import { SessionLimitsStore } from './session-limits.store';

const SCOPE_ID: Record<(typeof OPERATOR_LIMIT_SCOPES)[number], z.ZodType<string>> = {
  station: registryExternalId,
  account: pseudonymousId,
  driver: pseudonymousId,
  tariff: tariffId,
};

const scopeParams = operatorParams
  .extend({ scope: z.enum(OPERATOR_LIMIT_SCOPES), scopeId: z.string() })
  .superRefine((params, context) => {
    const checked = SCOPE_ID[params.scope].safeParse(params.scopeId);
    if (!checked.success)
      context.addIssue({
        code: 'custom',
        path: ['scopeId'],
        message: `not a ${params.scope} id: ${checked.error.issues[0]?.message ?? 'invalid'}`,
      });
  });

@Controller(`${OPERATOR_ROUTE}/session-limits`)
@Authenticated('operator')
export class SessionLimitsController {
  constructor(
    private readonly executor: SessionLimitsExecutor,
    private readonly store: SessionLimitsStore,
  ) {}

  @Put(':scope/:scopeId')
  @ApiOperation({
    operationId: 'setSessionLimits',
    summary:
      'Set the duration, energy and cost limits of sessions at a station, of an account, a driver or a tariff',
    tag: 'session-limits',
    params: scopeParams,
    body: limitsBody,
    idempotent: true,
    response: { status: 200, schema: limitsView },
    problems: [409, 422, 503],
  })
  set(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<LimitsView> {
    return asOperator(params, async () => {
      const { scope, scopeId } = validated(scopeParams, params, 'path');
      const { expectedVersion, ...limits } = validated(limitsBody, body, 'body');
      await this.executor.set(
        { scope, scopeId, limits, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
        idempotencyKeyOf(key),
      );
      return limitsViewOf(this.store, scope, scopeId);
    });
  }

  @Get(':scope/:scopeId')
  @ApiOperation({
    operationId: 'getSessionLimits',
    summary: 'Get the current session limits of a station, account, driver or tariff',
    tag: 'session-limits',
    params: scopeParams,
    response: { status: 200, schema: limitsView },
    problems: [404],
  })
  get(@Param() params: unknown): Promise<LimitsView> {
    return asOperator(params, () => {
      const { scope, scopeId } = validated(scopeParams, params, 'path');
      return limitsViewOf(this.store, scope, scopeId);
    });
  }
}
