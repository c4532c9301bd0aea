/**
 * The driver feed of a session's cost as server-sent events (live-cost.feed.ts), at two
 * addresses:
 * - `GET /v1/sessions/{sessionId}/cost`, for a driver: the session-scoped token the
 *   operator's app hands the driver when the session starts (role `driver`, `sub` = the
 *   session id); the operator is the token's, so the driver's app needs nothing else;
 * - `GET /v1/operators/{operatorId}/sessions/{sessionId}/cost`, for the operator (any of
 *   its sessions) or that same driver token.
 * A driver token for another session is the same 404 as another operator's session:
 * nothing tells a caller which sessions exist.
 */
import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import {
  API_TOKEN_SETTINGS,
  ApiTokenVerifier,
  asOperator,
  Authenticated,
  notFoundProblem,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
  type ApiTokenSettings,
} from '@chargeledger/platform/http';
import { LiveCostFeed } from './live-cost.feed';

const sessionParams = z.object({ sessionId: z.uuid() });

@Controller()
export class LiveCostController {
  // The guard has checked the token and its operator; the driver's session needs its `sub`.
  private readonly verifier: ApiTokenVerifier;

  constructor(
    private readonly feed: LiveCostFeed,
    @Inject(API_TOKEN_SETTINGS) settings: ApiTokenSettings,
  ) {
    this.verifier = new ApiTokenVerifier(settings);
  }

  @Get('v1/sessions/:sessionId/cost')
  @Authenticated('driver')
  async followAsDriver(
    @Param() params: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const principal = await this.verifier.principalOf(authorization);
    await asOperator({ operatorId: principal.operatorId }, () =>
      this.follow(principal.operatorId, params, authorization, response),
    );
  }

  @Get(`${OPERATOR_ROUTE}/sessions/:sessionId/cost`)
  @Authenticated('operator', 'driver')
  followAsOperator(
    @Param() params: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return asOperator(params, () => {
      const { operatorId } = validated(operatorParams, params, 'path');
      return this.follow(operatorId, params, authorization, response);
    });
  }

  private async follow(
    operatorId: string,
    params: unknown,
    authorization: string | undefined,
    response: Response,
  ): Promise<void> {
    const { sessionId } = validated(sessionParams, params, 'path');
    const principal = await this.verifier.principalOf(authorization);
    if (principal.role === 'driver' && principal.subject !== sessionId) throw notFoundProblem();
    await this.feed.follow(operatorId, sessionId, response);
  }
}
