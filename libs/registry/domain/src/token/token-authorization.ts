/**
 * The authorisation decision over the registry's own states: maps token and account
 * state to the facts of the shared decision in contracts, which ingestion applies to
 * its own projection of the same events.
 */
import {
  decideTokenAuthorization,
  type TokenAuthorization,
  type TokenAuthorizationFacts,
} from '@chargeledger/contracts';
import type { CustomerAccountState } from '../customer-account/customer-account.decider';
import type { TokenState } from './token.decider';

export function authorizeToken(
  token: TokenState,
  account: CustomerAccountState,
  at: string,
): TokenAuthorization {
  const facts: TokenAuthorizationFacts = {
    token:
      token.status === 'unissued'
        ? undefined
        : { status: token.status, expiresAt: token.expiresAt },
    account: account.status === 'unopened' ? undefined : { status: account.status },
    at,
  };
  return decideTokenAuthorization(facts);
}
