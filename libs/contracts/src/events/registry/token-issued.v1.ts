/**
 * A token (OCPI Token) was issued to an account, optionally to one of its drivers. The
 * token id is `tokenRefOf(operator, uid)`, the pseudonymous reference sessions carry;
 * the uid is here because chargers present it. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { utcTimestamp } from '../../values/values';
import { pseudonymousId, tokenType } from '../../values/registry-values';

export const TokenIssuedV1 = defineEvent({
  context: 'registry',
  name: 'TokenIssued',
  version: 1,
  aggregate: 'token',
  schema: z.strictObject({
    tokenId: z.uuid(),
    /** As issued (OCPI uid, CiString(36)); compare with `canonicalId`. */
    uid: z.string().min(1).max(36),
    type: tokenType,
    accountId: pseudonymousId,
    driverId: pseudonymousId.nullable(),
    expiresAt: utcTimestamp.nullable(),
  }),
});
