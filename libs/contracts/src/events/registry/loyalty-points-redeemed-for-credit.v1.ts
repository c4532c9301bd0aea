/**
 * A member redeemed points for a credit on their next charging bills, never more than the
 * balance. The registry owns the points; rating turns them into money with the loyalty
 * programme in effect when this was recorded and takes the credit off the member's next
 * rated sessions. A separate event, as LoyaltyPointsRedeemed's reasons are frozen and
 * none says "bill credit". Ids only. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { loyaltyPoints, pseudonymousId } from '../../values/registry-values';

export const LoyaltyPointsRedeemedForCreditV1 = defineEvent({
  context: 'registry',
  name: 'LoyaltyPointsRedeemedForCredit',
  version: 1,
  aggregate: 'loyalty-membership',
  schema: z.strictObject({ driverId: pseudonymousId, points: loyaltyPoints }),
});
