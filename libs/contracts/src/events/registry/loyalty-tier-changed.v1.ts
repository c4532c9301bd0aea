/** A member moved from one loyalty tier to another. Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { loyaltyTier, pseudonymousId } from '../../values/registry-values';

export const LoyaltyTierChangedV1 = defineEvent({
  context: 'registry',
  name: 'LoyaltyTierChanged',
  version: 1,
  aggregate: 'loyalty-membership',
  schema: z.strictObject({ driverId: pseudonymousId, fromTier: loyaltyTier, toTier: loyaltyTier }),
});
