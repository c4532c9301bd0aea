/**
 * The authorisation decision a charger's Authorize gets for a token uid: ACCEPTED,
 * BLOCKED, EXPIRED or UNKNOWN with a reason code, blocked while the token's account is in
 * dunning. Read-only; the decision itself is the domain's `authorizeToken`.
 */
import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';
import { tokenRefOf, utcTimestamp } from '@chargeledger/contracts';
import { authorizeToken } from '@chargeledger/registry/domain';
import { requireTenant } from '@chargeledger/shared/tenancy';
import {
  ApiOperation,
  asOperator,
  Authenticated,
  OPERATOR_ROUTE,
  validated,
} from '@chargeledger/platform/http';
import { ACCOUNTS, TOKENS } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';
import { tokenParams } from './token.controller';

const authorizationView = z.object({
  uid: z.string(),
  tokenId: z.uuid().nullable(),
  status: z.enum(['ACCEPTED', 'BLOCKED', 'EXPIRED', 'UNKNOWN']),
  reason: z.string(),
  decidedAt: utcTimestamp,
});
type AuthorizationView = z.infer<typeof authorizationView>;

@Controller(`${OPERATOR_ROUTE}/tokens`)
@Authenticated('operator')
export class TokenAuthorizationController {
  constructor(private readonly store: RegistryStateStore) {}

  @Get(':uid/authorization')
  @ApiOperation({
    operationId: 'authorizeToken',
    summary: 'Decide whether a token may charge now: ACCEPTED, BLOCKED, EXPIRED or UNKNOWN',
    tag: 'tokens',
    params: tokenParams,
    response: { status: 200, schema: authorizationView },
    problems: [],
  })
  authorization(@Param() params: unknown): Promise<AuthorizationView> {
    return asOperator(params, async () => {
      const { uid: requested } = validated(tokenParams, params, 'path');
      const { state: token } = await this.store.load(
        TOKENS,
        tokenRefOf(requireTenant(), requested),
      );
      const account =
        token.status === 'unissued'
          ? ACCOUNTS.initialState
          : (await this.store.load(ACCOUNTS, token.accountId)).state;
      const decidedAt = new Date().toISOString();
      const decision = authorizeToken(token, account, decidedAt);
      const tokenId = token.status === 'unissued' ? null : token.tokenId;
      return { uid: requested, tokenId, ...decision, decidedAt };
    });
  }
}
