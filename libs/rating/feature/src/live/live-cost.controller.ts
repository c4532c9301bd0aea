/**
 * The driver feed: `GET /v1/operators/{operatorId}/sessions/{sessionId}/cost` as
 * server-sent events (live-cost.feed.ts). Who may follow a session: a token of the path
 * operator with role `operator` (any of its sessions), or with role `driver` whose `sub`
 * is the session id (the session-scoped token the operator's app hands the driver when
 * the session starts). A driver token for another session is the same 404 as another
 * operator's session: nothing tells a caller which sessions exist.
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

const sessionParams = operatorParams.extend({ sessionId: z.uuid() });

@Controller(`${OPERATOR_ROUTE}/sessions`)
@Authenticated('operator', 'driver')
export class LiveCostController {
  // The guard has checked the token and its operator; the driver's session needs its `sub`.
  private readonly verifier: ApiTokenVerifier;

  constructor(
    private readonly feed: LiveCostFeed,
    @Inject(API_TOKEN_SETTINGS) settings: ApiTokenSettings,
  ) {
    this.verifier = new ApiTokenVerifier(settings);
  }

  @Get(':sessionId/cost')
  follow(
    @Param() params: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return asOperator(params, async () => {
      const { operatorId, sessionId } = validated(sessionParams, params, 'path');
      const principal = await this.verifier.principalOf(authorization);
      if (principal.role === 'driver' && principal.subject !== sessionId) throw notFoundProblem();
      await this.feed.follow(operatorId, sessionId, response);
    });
  }
}
