/** A member redeemed points, never more than the balance. Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { loyaltyPoints, loyaltyPointsReason, pseudonymousId } from '../../values/registry-values';

export const LoyaltyPointsRedeemedV1 = defineEvent({
  context: 'registry',
  name: 'LoyaltyPointsRedeemed',
  version: 1,
  aggregate: 'loyalty-membership',
  schema: z.strictObject({
    driverId: pseudonymousId,
    points: loyaltyPoints,
    reason: loyaltyPointsReason,
  }),
});
