/**
 * Operator API for customer accounts: open (terms in the event, holder's personal data
 * only in the registry's table), list, get, start and end dunning.
 */
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  accountKind,
  billingMode,
  currencyCode,
  pseudonymousId,
  utcTimestamp,
} from '@chargeledger/contracts';
import {
  decideCustomerAccount,
  RegistryRefusal,
  type CustomerAccountState,
} from '@chargeledger/registry/domain';
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
import {
  billingAddressSchema,
  PersonalDataStore,
  type AccountHolder,
} from '../state/personal-data.store';
import { ACCOUNTS } from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

const holder = z.strictObject({
  name: z.string().min(1).max(200),
  billingAddress: billingAddressSchema,
  vatId: z
    .string()
    .regex(/^[A-Z0-9]{4,20}$/, 'must be 4-20 uppercase letters or digits')
    .optional(),
});
const openAccountBody = z.strictObject({
  kind: accountKind,
  billingMode,
  currency: currencyCode,
  holder,
});
const accountParams = operatorParams.extend({ accountId: pseudonymousId });
const accountView = z.object({
  accountId: pseudonymousId,
  kind: accountKind,
  billingMode,
  currency: currencyCode,
  status: z.enum(['active', 'in_dunning']),
  dunningStartedAt: utcTimestamp.nullable(),
  holder: holder.extend({ vatId: z.string().nullable() }).nullable(),
});
type AccountView = z.infer<typeof accountView>;

function viewOf(
  state: CustomerAccountState,
  id: string,
  holders: Map<string, AccountHolder>,
): AccountView {
  if (state.status === 'unopened')
    throw new RegistryRefusal('REGISTRY.ACCOUNT_NOT_FOUND', `account ${id} is not open`);
  const { accountId, kind, billingMode: mode, currency } = state;
  const dunningStartedAt = state.status === 'in_dunning' ? state.dunningStartedAt : null;
  const holderData = holders.get(id) ?? null;
  return {
    accountId,
    kind,
    billingMode: mode,
    currency,
    status: state.status,
    dunningStartedAt,
    holder: holderData,
  };
}

@Controller(`${OPERATOR_ROUTE}/customer-accounts`)
@Authenticated('operator')
export class CustomerAccountController extends ReadEndpoints({
  tag: 'customer-accounts',
  view: accountView,
  path: accountParams,
  idParam: 'accountId',
  list: { operationId: 'listCustomerAccounts', summary: 'List customer accounts in id order' },
  get: { operationId: 'getCustomerAccount', summary: 'Get a customer account' },
}) {
  protected readonly resource;

  constructor(
    private readonly executor: RegistryCommandExecutor,
    store: RegistryStateStore,
    private readonly personalData: PersonalDataStore,
  ) {
    super();
    this.resource = new AggregateResource(executor, store, {
      spec: ACCOUNTS,
      decide: decideCustomerAccount,
      views: async (rows) => {
        const holders = await personalData.accountHolders(rows.map((row) => row.id));
        return rows.map((row) => viewOf(row.state, row.id, holders));
      },
    });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'openCustomerAccount',
    summary: 'Open a customer account; the holder is personal data kept only in the registry',
    tag: 'customer-accounts',
    params: operatorParams,
    body: openAccountBody,
    idempotent: true,
    response: { status: 201, schema: accountView },
    problems: [409, 422, 503],
  })
  open(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<AccountView> {
    return asOperator(params, async () => {
      const { holder: holderData, ...terms } = validated(openAccountBody, body, 'body');
      const idempotencyKey = idempotencyKeyOf(key);
      const eventId = this.executor.eventIdFor(idempotencyKey);
      const accountId = mintedId(eventId, 'customer-account');
      const command = { type: 'OpenCustomerAccount', accountId, ...terms } as const;
      await this.resource.append(accountId, idempotencyKey, command, eventId);
      await this.personalData.saveAccountHolder(accountId, {
        ...holderData,
        vatId: holderData.vatId ?? null,
      });
      return this.resource.view(accountId);
    });
  }

  @Post(':accountId/dunning/start')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'startDunning',
    summary: "Start dunning: the account's tokens are refused until it ends",
    tag: 'customer-accounts',
    params: accountParams,
    idempotent: true,
    response: { status: 200, schema: accountView },
    problems: [404, 409, 422, 503],
  })
  startDunning(
    @Param() params: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<AccountView> {
    return this.dunning(params, key, 'StartDunning');
  }

  @Post(':accountId/dunning/end')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'endDunning',
    summary: "End dunning: the account's tokens are accepted again",
    tag: 'customer-accounts',
    params: accountParams,
    idempotent: true,
    response: { status: 200, schema: accountView },
    problems: [404, 409, 422, 503],
  })
  endDunning(
    @Param() params: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<AccountView> {
    return this.dunning(params, key, 'EndDunning');
  }

  private dunning(
    params: unknown,
    key: unknown,
    type: 'StartDunning' | 'EndDunning',
  ): Promise<AccountView> {
    return asOperator(params, async () => {
      const { accountId } = validated(accountParams, params, 'path');
      const at = new Date().toISOString();
      return this.resource.execute(accountId, key, { type, accountId, at });
    });
  }
}
