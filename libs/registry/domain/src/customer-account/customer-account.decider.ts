/**
 * Customer account: who pays, individual or fleet, with its contract terms (billing mode
 * and currency) and dunning, during which its tokens are refused. The holder's name,
 * billing address and VAT id are personal data and never part of this state or its
 * events. Pure decider; times come in the command.
 */
import { z } from 'zod';
import {
  accountKind,
  billingMode,
  currencyCode,
  pseudonymousId,
  utcTimestamp,
  type CustomerAccountDunningEndedV1,
  type CustomerAccountDunningStartedV1,
  type CustomerAccountOpenedV1,
  type EventData,
} from '@chargeledger/contracts';
import { assertNever } from '../shared/assert-never';
import { refuse } from '../shared/registry-refusal';

const terms = {
  accountId: pseudonymousId,
  kind: accountKind,
  billingMode,
  currency: currencyCode,
};
export const customerAccountStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unopened') }),
  z.strictObject({
    status: z.literal('active'),
    ...terms,
    lastDunningEndedAt: utcTimestamp.nullable(),
  }),
  z.strictObject({ status: z.literal('in_dunning'), ...terms, dunningStartedAt: utcTimestamp }),
]);
export type CustomerAccountState = z.infer<typeof customerAccountStateSchema>;

export type CustomerAccountEvent =
  | {
      readonly type: 'CustomerAccountOpened';
      readonly data: EventData<typeof CustomerAccountOpenedV1>;
    }
  | {
      readonly type: 'CustomerAccountDunningStarted';
      readonly data: EventData<typeof CustomerAccountDunningStartedV1>;
    }
  | {
      readonly type: 'CustomerAccountDunningEnded';
      readonly data: EventData<typeof CustomerAccountDunningEndedV1>;
    };

export type CustomerAccountCommand =
  | {
      readonly type: 'OpenCustomerAccount';
      readonly accountId: string;
      readonly kind: 'individual' | 'fleet';
      readonly billingMode: 'per_session' | 'monthly_statement';
      readonly currency: string;
    }
  | { readonly type: 'StartDunning'; readonly accountId: string; readonly at: string }
  | { readonly type: 'EndDunning'; readonly accountId: string; readonly at: string };

export const customerAccountInitialState: CustomerAccountState = { status: 'unopened' };

export function evolveCustomerAccount(
  state: CustomerAccountState,
  event: CustomerAccountEvent,
): CustomerAccountState {
  switch (event.type) {
    case 'CustomerAccountOpened':
      return { status: 'active', ...event.data, lastDunningEndedAt: null };
    case 'CustomerAccountDunningStarted':
      if (state.status !== 'active') return state;
      return { ...termsOf(state), status: 'in_dunning', dunningStartedAt: event.data.startedAt };
    case 'CustomerAccountDunningEnded':
      if (state.status !== 'in_dunning') return state;
      return { ...termsOf(state), status: 'active', lastDunningEndedAt: event.data.endedAt };
    default:
      return assertNever(event);
  }
}

export function decideCustomerAccount(
  command: CustomerAccountCommand,
  state: CustomerAccountState,
): CustomerAccountEvent[] {
  switch (command.type) {
    case 'OpenCustomerAccount': {
      if (state.status !== 'unopened')
        refuse('REGISTRY.ACCOUNT_ALREADY_OPEN', `account ${command.accountId} is already open`);
      const { accountId, kind, billingMode: mode, currency } = command;
      return [
        { type: 'CustomerAccountOpened', data: { accountId, kind, billingMode: mode, currency } },
      ];
    }
    case 'StartDunning':
      if (state.status === 'unopened') return notFound(command.accountId);
      if (state.status === 'in_dunning')
        refuse('REGISTRY.ACCOUNT_ALREADY_IN_DUNNING', `dunning began ${state.dunningStartedAt}`);
      return [
        {
          type: 'CustomerAccountDunningStarted',
          data: { accountId: command.accountId, startedAt: command.at },
        },
      ];
    case 'EndDunning':
      if (state.status === 'unopened') return notFound(command.accountId);
      if (state.status === 'active')
        refuse('REGISTRY.ACCOUNT_NOT_IN_DUNNING', `account ${command.accountId} is not in dunning`);
      return [
        {
          type: 'CustomerAccountDunningEnded',
          data: { accountId: command.accountId, endedAt: command.at },
        },
      ];
    default:
      return assertNever(command);
  }
}

function termsOf(state: Exclude<CustomerAccountState, { status: 'unopened' }>) {
  const { accountId, kind, billingMode: mode, currency } = state;
  return { accountId, kind, billingMode: mode, currency };
}

function notFound(accountId: string): never {
  return refuse('REGISTRY.ACCOUNT_NOT_FOUND', `account ${accountId} is not open`);
}
