/**
 * The registry's token decision in each protocol's words. 1.6 has no "Unknown": an idTag
 * nobody issued is Invalid there.
 */
import type { TokenAuthorizationStatus } from '@chargeledger/contracts';

const OCPP16_ID_TAG_STATUS = {
  ACCEPTED: 'Accepted',
  BLOCKED: 'Blocked',
  EXPIRED: 'Expired',
  UNKNOWN: 'Invalid',
} as const satisfies Record<TokenAuthorizationStatus, string>;

const OCPP201_ID_TOKEN_STATUS = {
  ACCEPTED: 'Accepted',
  BLOCKED: 'Blocked',
  EXPIRED: 'Expired',
  UNKNOWN: 'Unknown',
} as const satisfies Record<TokenAuthorizationStatus, string>;

export function ocpp16IdTagStatusOf(status: TokenAuthorizationStatus) {
  return OCPP16_ID_TAG_STATUS[status];
}

export function ocpp201IdTokenStatusOf(status: TokenAuthorizationStatus) {
  return OCPP201_ID_TOKEN_STATUS[status];
}
