/**
 * A loyalty member's rated session earned points under the operator's programme (subject
 * per member, id derived from the session's rating, so one per session). The registry,
 * which owns the balance, credits them as LoyaltyPointsEarned. Ids only. Frozen.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { loyaltyPoints, loyaltyTier, pseudonymousId } from '../../values/registry-values';

export const LoyaltyPointsAccruedV1 = defineEvent({
  context: 'rating',
  name: 'LoyaltyPointsAccrued',
  version: 1,
  aggregate: 'loyalty-points',
  schema: z.strictObject({
    driverId: pseudonymousId,
    sessionId: z.uuid(),
    /** The member's tier at the session's start, whose terms gave the points. */
    tier: loyaltyTier,
    points: loyaltyPoints,
  }),
});
