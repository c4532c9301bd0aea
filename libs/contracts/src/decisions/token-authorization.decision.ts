/**
 * The token authorisation decision (OCPP Authorize / StartTransaction): pure, so the
 * registry's API and ingestion's own projection of registry events reach the same answer
 * from the same facts. It lives in contracts because two contexts apply it.
 */

export type TokenAuthorizationStatus = 'ACCEPTED' | 'BLOCKED' | 'EXPIRED' | 'UNKNOWN';

export type TokenAuthorizationReason =
  | 'REGISTRY.TOKEN_VALID'
  | 'REGISTRY.TOKEN_UNKNOWN'
  | 'REGISTRY.TOKEN_BLOCKED'
  | 'REGISTRY.TOKEN_EXPIRED'
  | 'REGISTRY.ACCOUNT_UNKNOWN'
  | 'REGISTRY.ACCOUNT_IN_DUNNING';

export interface TokenAuthorizationFacts {
  /** The token as last known, or undefined when the uid was never issued. */
  readonly token:
    { readonly status: 'active' | 'blocked'; readonly expiresAt: string | null } | undefined;
  /** The token's account as last known, or undefined when it is not known (yet). */
  readonly account: { readonly status: 'active' | 'in_dunning' } | undefined;
  /** When the charger asks (UTC ISO-8601). */
  readonly at: string;
}

export interface TokenAuthorization {
  readonly status: TokenAuthorizationStatus;
  readonly reason: TokenAuthorizationReason;
}

/** First refusal wins, in this order: unknown, blocked, expired, account unknown, dunning. */
export function decideTokenAuthorization(facts: TokenAuthorizationFacts): TokenAuthorization {
  const { token, account } = facts;
  if (token === undefined) return { status: 'UNKNOWN', reason: 'REGISTRY.TOKEN_UNKNOWN' };
  if (token.status === 'blocked') return { status: 'BLOCKED', reason: 'REGISTRY.TOKEN_BLOCKED' };
  if (token.expiresAt !== null && epochMs(token.expiresAt) <= epochMs(facts.at))
    return { status: 'EXPIRED', reason: 'REGISTRY.TOKEN_EXPIRED' };
  if (account === undefined) return { status: 'UNKNOWN', reason: 'REGISTRY.ACCOUNT_UNKNOWN' };
  if (account.status === 'in_dunning')
    return { status: 'BLOCKED', reason: 'REGISTRY.ACCOUNT_IN_DUNNING' };
  return { status: 'ACCEPTED', reason: 'REGISTRY.TOKEN_VALID' };
}

function epochMs(timestamp: string): number {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new RangeError(`not a timestamp: ${timestamp}`);
  return ms;
}
