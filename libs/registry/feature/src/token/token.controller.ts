/**
 * Operator API for tokens (OCPI token types): issue, list, get by uid, block, unblock.
 * The uid in the path is compared canonicalised; the token's id is its pseudonymous
 * reference. The authorisation decision is in `token-authorization.controller.ts`.
 */
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  pseudonymousId,
  tokenBlockReason,
  tokenRefOf,
  tokenType,
  utcTimestamp,
} from '@chargeledger/contracts';
import {
  decideToken,
  RegistryRefusal,
  type TokenCommand,
  type TokenState,
} from '@chargeledger/registry/domain';
import { requireTenant } from '@chargeledger/shared/tenancy';
import {
  ApiOperation,
  asOperator,
  getOperation,
  listOperation,
  OPERATOR_ROUTE,
  operatorParams,
  type Page,
  validated,
  Authenticated,
} from '@chargeledger/platform/http';
import { RegistryCommandExecutor } from '../commands/registry-command.executor';
import { AggregateResource, viewsOf } from '../http/aggregate-resource';
import { ACCOUNTS, DRIVERS, TOKENS } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

const uid = z.string().regex(/^[\x21-\x7e]{1,36}$/, 'must be 1-36 visible ASCII characters');
const issueTokenBody = z.strictObject({
  uid,
  type: tokenType,
  accountId: pseudonymousId,
  driverId: pseudonymousId.optional(),
  expiresAt: utcTimestamp.optional(),
});
const blockTokenBody = z.strictObject({ reason: tokenBlockReason });
export const tokenParams = operatorParams.extend({ uid });
const tokenView = z.object({
  tokenId: z.uuid(),
  uid: z.string(),
  type: tokenType,
  accountId: pseudonymousId,
  driverId: pseudonymousId.nullable(),
  expiresAt: utcTimestamp.nullable(),
  status: z.enum(['active', 'blocked']),
  blockReason: tokenBlockReason.nullable(),
});
type TokenView = z.infer<typeof tokenView>;

function viewOf(state: TokenState, uidOrId: string): TokenView {
  if (state.status === 'unissued')
    throw new RegistryRefusal('REGISTRY.TOKEN_NOT_FOUND', `token ${uidOrId} is not issued`);
  const { status, tokenId, uid: issuedUid, type, accountId, driverId, expiresAt } = state;
  const blockReason = state.status === 'blocked' ? state.blockReason : null;
  return { tokenId, uid: issuedUid, type, accountId, driverId, expiresAt, status, blockReason };
}

@Controller(`${OPERATOR_ROUTE}/tokens`)
@Authenticated('operator')
export class TokenController {
  private readonly tokens;

  constructor(
    executor: RegistryCommandExecutor,
    private readonly store: RegistryStateStore,
  ) {
    this.tokens = new AggregateResource(executor, store, {
      spec: TOKENS,
      decide: decideToken,
      views: viewsOf(viewOf),
    });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'issueToken',
    summary: 'Issue a token to an account (and optionally one of its drivers)',
    tag: 'tokens',
    params: operatorParams,
    body: issueTokenBody,
    idempotent: true,
    response: { status: 201, schema: tokenView },
    problems: [409, 422, 503],
  })
  issue(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<TokenView> {
    return asOperator(params, async () => {
      const request = validated(issueTokenBody, body, 'body');
      const tokenId = tokenRefOf(requireTenant(), request.uid);
      const driverId = request.driverId ?? null;
      const { state: account } = await this.store.load(ACCOUNTS, request.accountId);
      const driver = driverId === null ? null : (await this.store.load(DRIVERS, driverId)).state;
      const command: TokenCommand = {
        type: 'IssueToken',
        tokenId,
        uid: request.uid,
        tokenType: request.type,
        accountId: request.accountId,
        driverId,
        expiresAt: request.expiresAt ?? null,
        at: new Date().toISOString(),
        account,
        driver,
      };
      return this.tokens.execute(tokenId, key, command);
    });
  }

  @Post(':uid/block')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'blockToken',
    summary: 'Block a token',
    tag: 'tokens',
    params: tokenParams,
    body: blockTokenBody,
    idempotent: true,
    response: { status: 200, schema: tokenView },
    problems: [404, 409, 422, 503],
  })
  block(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<TokenView> {
    return asOperator(params, async () => {
      const tokenId = tokenRefOf(requireTenant(), validated(tokenParams, params, 'path').uid);
      const { reason } = validated(blockTokenBody, body, 'body');
      return this.tokens.execute(tokenId, key, { type: 'BlockToken', tokenId, reason });
    });
  }

  @Post(':uid/unblock')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'unblockToken',
    summary: 'Unblock a token',
    tag: 'tokens',
    params: tokenParams,
    idempotent: true,
    response: { status: 200, schema: tokenView },
    problems: [404, 409, 422, 503],
  })
  unblock(@Param() params: unknown, @Headers('idempotency-key') key: unknown): Promise<TokenView> {
    return asOperator(params, async () => {
      const tokenId = tokenRefOf(requireTenant(), validated(tokenParams, params, 'path').uid);
      return this.tokens.execute(tokenId, key, { type: 'UnblockToken', tokenId });
    });
  }

  @Get()
  @ApiOperation(
    listOperation({
      operationId: 'listTokens',
      summary: 'List tokens in token id order',
      tag: 'tokens',
      view: tokenView,
    }),
  )
  list(@Param() params: unknown, @Query() query: unknown): Promise<Page<TokenView>> {
    return this.tokens.list(params, query);
  }

  @Get(':uid')
  @ApiOperation(
    getOperation({
      operationId: 'getToken',
      summary: 'Get a token by uid',
      tag: 'tokens',
      params: tokenParams,
      view: tokenView,
    }),
  )
  get(@Param() params: unknown): Promise<TokenView> {
    return asOperator(params, async () => {
      const { uid: requested } = validated(tokenParams, params, 'path');
      const { state } = await this.store.load(TOKENS, tokenRefOf(requireTenant(), requested));
      return viewOf(state, requested);
    });
  }
}
