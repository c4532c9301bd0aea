import type { CustomerAccountState } from '../customer-account/customer-account.decider';
import type { DriverState } from '../driver/driver.decider';
import { specOf } from '../testing/given-when-then';
import { authorizeToken } from './token-authorization';
import {
  decideToken,
  evolveToken,
  tokenInitialState,
  type IssueToken,
  type TokenEvent,
} from './token.decider';

const given = specOf({ initialState: tokenInitialState, evolve: evolveToken, decide: decideToken });
const accountId = '0190c3d2-7b1a-7c4e-9f00-00000000a001';
const driverId = '0190c3d2-7b1a-7c4e-9f00-00000000d001';
const tokenId = '0190c3d2-7b1a-7c4e-9f00-00000000e001';
const at = '2026-03-01T10:00:00.000Z';
const account: CustomerAccountState = {
  status: 'active',
  accountId,
  kind: 'fleet',
  billingMode: 'monthly_statement',
  currency: 'EUR',
  lastDunningEndedAt: null,
};
const driver: DriverState = { status: 'registered', driverId, accountId };
const issue: IssueToken = {
  type: 'IssueToken',
  tokenId,
  uid: '04A2B3C4D5',
  tokenType: 'RFID',
  accountId,
  driverId,
  expiresAt: '2027-01-01T00:00:00.000Z',
  at,
  account,
  driver,
};
const issued: TokenEvent = {
  type: 'TokenIssued',
  data: {
    tokenId,
    uid: '04A2B3C4D5',
    type: 'RFID',
    accountId,
    driverId,
    expiresAt: '2027-01-01T00:00:00.000Z',
  },
};
const blocked: TokenEvent = { type: 'TokenBlocked', data: { tokenId, reason: 'LOST' } };
const unblocked: TokenEvent = { type: 'TokenUnblocked', data: { tokenId } };

describe('token', () => {
  it('issues a token to an account and its driver', () => {
    given([]).when(issue).then([issued]);
  });

  it('refuses a uid that is already issued', () => {
    given([issued]).when(issue).thenRefuses('REGISTRY.TOKEN_ALREADY_ISSUED');
  });

  it('refuses an account that is not open', () => {
    given([])
      .when({ ...issue, account: { status: 'unopened' } })
      .thenRefuses('REGISTRY.UNKNOWN_ACCOUNT');
  });

  it('refuses an unknown driver', () => {
    given([])
      .when({ ...issue, driver: null })
      .thenRefuses('REGISTRY.UNKNOWN_DRIVER');
  });

  it("refuses another account's driver", () => {
    const other = { ...driver, accountId: '0190c3d2-7b1a-7c4e-9f00-00000000a002' };
    given([])
      .when({ ...issue, driver: other })
      .thenRefuses('REGISTRY.DRIVER_OF_ANOTHER_ACCOUNT');
  });

  it('refuses an expiry that is not in the future', () => {
    given([])
      .when({ ...issue, expiresAt: at })
      .thenRefuses('REGISTRY.TOKEN_EXPIRY_NOT_IN_FUTURE');
  });

  it('blocks and unblocks', () => {
    given([issued]).when({ type: 'BlockToken', tokenId, reason: 'LOST' }).then([blocked]);
    given([issued, blocked]).when({ type: 'UnblockToken', tokenId }).then([unblocked]);
  });

  it.each([
    [{ type: 'BlockToken', tokenId, reason: 'STOLEN' }, 'REGISTRY.TOKEN_NOT_FOUND'],
    [{ type: 'UnblockToken', tokenId }, 'REGISTRY.TOKEN_NOT_FOUND'],
  ] as const)('refuses %j on an unissued token', (command, code) => {
    given([]).when(command).thenRefuses(code);
  });

  it('refuses to block a blocked token or unblock an active one', () => {
    given([issued, blocked])
      .when({ type: 'BlockToken', tokenId, reason: 'STOLEN' })
      .thenRefuses('REGISTRY.TOKEN_ALREADY_BLOCKED');
    given([issued])
      .when({ type: 'UnblockToken', tokenId })
      .thenRefuses('REGISTRY.TOKEN_NOT_BLOCKED');
  });
});

describe('token authorisation from registry states', () => {
  const state = (events: TokenEvent[]) => events.reduce(evolveToken, tokenInitialState);

  it('accepts an active token of a good account, refuses it while the account is in dunning', () => {
    expect(authorizeToken(state([issued]), account, at).status).toBe('ACCEPTED');
    const dunning: CustomerAccountState = {
      ...account,
      status: 'in_dunning',
      dunningStartedAt: at,
    };
    expect(authorizeToken(state([issued]), dunning, at)).toEqual({
      status: 'BLOCKED',
      reason: 'REGISTRY.ACCOUNT_IN_DUNNING',
    });
  });

  it('answers blocked, expired and unknown with their reasons', () => {
    expect(authorizeToken(state([issued, blocked]), account, at).reason).toBe(
      'REGISTRY.TOKEN_BLOCKED',
    );
    expect(authorizeToken(state([issued]), account, '2027-01-01T00:00:00.000Z').status).toBe(
      'EXPIRED',
    );
    expect(authorizeToken(state([]), account, at).status).toBe('UNKNOWN');
    expect(authorizeToken(state([issued, blocked, unblocked]), account, at).status).toBe(
      'ACCEPTED',
    );
  });
});
