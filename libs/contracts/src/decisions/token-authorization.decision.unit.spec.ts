import {
  decideTokenAuthorization,
  type TokenAuthorizationFacts,
} from './token-authorization.decision';

const at = '2026-03-01T10:00:00.000Z';
const active = { status: 'active', expiresAt: null } as const;
const goodAccount = { status: 'active' } as const;

describe('token authorisation decision', () => {
  it.each<[string, TokenAuthorizationFacts, string, string]>([
    [
      'a valid token of a good account',
      { token: active, account: goodAccount, at },
      'ACCEPTED',
      'REGISTRY.TOKEN_VALID',
    ],
    [
      'a uid never issued',
      { token: undefined, account: undefined, at },
      'UNKNOWN',
      'REGISTRY.TOKEN_UNKNOWN',
    ],
    [
      'a blocked token',
      { token: { status: 'blocked', expiresAt: null }, account: goodAccount, at },
      'BLOCKED',
      'REGISTRY.TOKEN_BLOCKED',
    ],
    [
      'a token expiring exactly now',
      { token: { status: 'active', expiresAt: at }, account: goodAccount, at },
      'EXPIRED',
      'REGISTRY.TOKEN_EXPIRED',
    ],
    [
      'a token expiring later',
      {
        token: { status: 'active', expiresAt: '2026-03-01T10:00:00.001Z' },
        account: goodAccount,
        at,
      },
      'ACCEPTED',
      'REGISTRY.TOKEN_VALID',
    ],
    [
      'a token whose account is not known yet',
      { token: active, account: undefined, at },
      'UNKNOWN',
      'REGISTRY.ACCOUNT_UNKNOWN',
    ],
    [
      'a token of an account in dunning',
      { token: active, account: { status: 'in_dunning' }, at },
      'BLOCKED',
      'REGISTRY.ACCOUNT_IN_DUNNING',
    ],
    [
      'a blocked token of an account in dunning',
      { token: { status: 'blocked', expiresAt: null }, account: { status: 'in_dunning' }, at },
      'BLOCKED',
      'REGISTRY.TOKEN_BLOCKED',
    ],
  ])('given %s, answers %s', (_, facts, status, reason) => {
    expect(decideTokenAuthorization(facts)).toEqual({ status, reason });
  });
});
