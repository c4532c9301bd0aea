/**
 * Rating took part of a member's loyalty credit (points redeemed for credit, valued by the
 * programme) off a rated session's bill, as the DISCOUNT line of that SessionRated. On the
 * member's `loyalty-credit` subject, appended against its last sequence, so two sessions
 * never spend the same credit; the id is derived from the session's rating, so one per
 * session. The amount is excl. VAT, in whole minor units. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { money } from '../../values/values';
import { pseudonymousId } from '../../values/registry-values';

export const LoyaltyCreditAppliedV1 = defineEvent({
  context: 'rating',
  name: 'LoyaltyCreditApplied',
  version: 1,
  aggregate: 'loyalty-credit',
  schema: z.strictObject({
    driverId: pseudonymousId,
    sessionId: z.uuid(),
    amount: money,
  }),
});
