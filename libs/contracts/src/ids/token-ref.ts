/**
 * The pseudonymous reference of a token: UUIDv5 of the operator and the canonical uid.
 * The registry uses it as the token's aggregate id (so one uid is issued once per
 * operator) and sessions carry it as `tokenRef`; ingestion derives the same reference
 * from what a charger presents without a lookup.
 */
import { canonicalId } from '../naming/token';
import { CHARGELEDGER_ID_NAMESPACE } from './ids';
import { uuidV5 } from './uuid-v5';

export function tokenRefOf(operatorId: string, uid: string): string {
  return uuidV5(
    JSON.stringify(['token', canonicalId(operatorId), canonicalId(uid)]),
    CHARGELEDGER_ID_NAMESPACE,
  );
}
