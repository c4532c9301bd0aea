/**
 * A session's own limits: `PUT|GET /v1/operators/{operatorId}/sessions/{sessionId}/limits`.
 * The driver of the session (role `driver` whose `sub` is the session id, as for the
 * live cost feed) or its operator sets bounds that apply from then on and may only
 * tighten; the session is bounded by the tightest of these and the operator's policies.
 * A driver token for another session is the same 404 as another operator's session.
 */
import { Body, Controller, Get, Headers, Inject, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  API_TOKEN_SETTINGS,
  ApiOperation,
  ApiTokenVerifier,
  asOperator,
  Authenticated,
  idempotencyKeyOf,
  notFoundProblem,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
  type ApiTokenSettings,
} from '@chargeledger/platform/http';
import { SessionLimitsExecutor } from './session-limits.executor';
import { limitsBody, limitsView, limitsViewOf, type LimitsView } from './session-limits.http';
import { SessionLimitsStore } from './session-limits.store';

const sessionParams = operatorParams.extend({ sessionId: z.uuid() });

@Controller(`${OPERATOR_ROUTE}/sessions`)
@Authenticated('operator', 'driver')
export class OwnSessionLimitsController {
  // The guard has checked the token and its operator; the driver's session needs its `sub`.
  private readonly verifier: ApiTokenVerifier;

  constructor(
    private readonly executor: SessionLimitsExecutor,
    private readonly store: SessionLimitsStore,
    @Inject(API_TOKEN_SETTINGS) settings: ApiTokenSettings,
  ) {
    this.verifier = new ApiTokenVerifier(settings);
  }

  @Put(':sessionId/limits')
  @ApiOperation({
    operationId: 'setOwnSessionLimits',
    summary: 'Tighten the limits of one session (its driver or its operator)',
    tag: 'session-limits',
    params: sessionParams,
    body: limitsBody,
    idempotent: true,
    response: { status: 200, schema: limitsView },
    problems: [404, 409, 422, 503],
  })
  set(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<LimitsView> {
    return asOperator(params, async () => {
      const sessionId = await this.sessionOf(params, authorization);
      const { expectedVersion, ...limits } = validated(limitsBody, body, 'body');
      await this.executor.set(
        {
          scope: 'session',
          scopeId: sessionId,
          limits,
          ...(expectedVersion === undefined ? {} : { expectedVersion }),
        },
        idempotencyKeyOf(key),
      );
      return limitsViewOf(this.store, 'session', sessionId);
    });
  }

  @Get(':sessionId/limits')
  @ApiOperation({
    operationId: 'getOwnSessionLimits',
    summary: "Get the limits a session's driver or operator set for it",
    tag: 'session-limits',
    params: sessionParams,
    response: { status: 200, schema: limitsView },
    problems: [404],
  })
  get(
    @Param() params: unknown,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<LimitsView> {
    return asOperator(params, async () =>
      limitsViewOf(this.store, 'session', await this.sessionOf(params, authorization)),
    );
  }

  private async sessionOf(params: unknown, authorization: string | undefined): Promise<string> {
    const { sessionId } = validated(sessionParams, params, 'path');
    const principal = await this.verifier.principalOf(authorization);
    if (principal.role === 'driver' && principal.subject !== sessionId) throw notFoundProblem();
    return sessionId;
  }
}
