/** An account went into dunning: its tokens are refused until dunning ends. Frozen. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { utcTimestamp } from '../../values/values';
import { pseudonymousId } from '../../values/registry-values';

export const CustomerAccountDunningStartedV1 = defineEvent({
  context: 'registry',
  name: 'CustomerAccountDunningStarted',
  version: 1,
  aggregate: 'customer-account',
  schema: z.strictObject({ accountId: pseudonymousId, startedAt: utcTimestamp }),
});
