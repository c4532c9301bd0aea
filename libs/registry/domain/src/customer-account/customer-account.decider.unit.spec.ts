import { specOf } from '../testing/given-when-then';
import {
  customerAccountInitialState,
  decideCustomerAccount,
  evolveCustomerAccount,
  type CustomerAccountEvent,
} from './customer-account.decider';

const given = specOf({
  initialState: customerAccountInitialState,
  evolve: evolveCustomerAccount,
  decide: decideCustomerAccount,
});
const accountId = '0190c3d2-7b1a-7c4e-9f00-00000000a001';
const open = {
  type: 'OpenCustomerAccount',
  accountId,
  kind: 'fleet',
  billingMode: 'monthly_statement',
  currency: 'EUR',
} as const;
const opened: CustomerAccountEvent = {
  type: 'CustomerAccountOpened',
  data: { accountId, kind: 'fleet', billingMode: 'monthly_statement', currency: 'EUR' },
};
const at = '2026-03-01T10:00:00.000Z';
const dunningStarted: CustomerAccountEvent = {
  type: 'CustomerAccountDunningStarted',
  data: { accountId, startedAt: at },
};
const dunningEnded: CustomerAccountEvent = {
  type: 'CustomerAccountDunningEnded',
  data: { accountId, endedAt: at },
};

describe('customer account', () => {
  it('opens an account with its contract terms', () => {
    given([]).when(open).then([opened]);
  });

  it('refuses to open an account twice', () => {
    given([opened]).when(open).thenRefuses('REGISTRY.ACCOUNT_ALREADY_OPEN');
  });

  it('starts and ends dunning, and can start it again', () => {
    given([opened]).when({ type: 'StartDunning', accountId, at }).then([dunningStarted]);
    given([opened, dunningStarted])
      .when({ type: 'EndDunning', accountId, at })
      .then([dunningEnded]);
    given([opened, dunningStarted, dunningEnded])
      .when({ type: 'StartDunning', accountId, at })
      .then([dunningStarted]);
  });

  it.each(['StartDunning', 'EndDunning'] as const)('refuses %s on an unknown account', (type) => {
    given([]).when({ type, accountId, at }).thenRefuses('REGISTRY.ACCOUNT_NOT_FOUND');
  });

  it('refuses to start dunning twice', () => {
    given([opened, dunningStarted])
      .when({ type: 'StartDunning', accountId, at })
      .thenRefuses('REGISTRY.ACCOUNT_ALREADY_IN_DUNNING');
  });

  it('refuses to end dunning that has not started', () => {
    given([opened])
      .when({ type: 'EndDunning', accountId, at })
      .thenRefuses('REGISTRY.ACCOUNT_NOT_IN_DUNNING');
  });
});
