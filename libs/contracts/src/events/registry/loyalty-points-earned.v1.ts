/** A member earned an integer number of points, for a reason from a closed list. Frozen. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { loyaltyPoints, loyaltyPointsReason, pseudonymousId } from '../../values/registry-values';

export const LoyaltyPointsEarnedV1 = defineEvent({
  context: 'registry',
  name: 'LoyaltyPointsEarned',
  version: 1,
  aggregate: 'loyalty-membership',
  schema: z.strictObject({
    driverId: pseudonymousId,
    points: loyaltyPoints,
    reason: loyaltyPointsReason,
  }),
});
