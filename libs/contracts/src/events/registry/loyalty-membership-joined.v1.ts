/**
 * A driver joined the operator's loyalty programme at a tier, with a zero balance. The
 * membership is addressed by the driver's pseudonymous id. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { loyaltyTier, pseudonymousId } from '../../values/registry-values';

export const LoyaltyMembershipJoinedV1 = defineEvent({
  context: 'registry',
  name: 'LoyaltyMembershipJoined',
  version: 1,
  aggregate: 'loyalty-membership',
  schema: z.strictObject({ driverId: pseudonymousId, tier: loyaltyTier }),
});
