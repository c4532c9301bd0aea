/** An account left dunning (paid or settled): its tokens are accepted again. Frozen. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { utcTimestamp } from '../../values/values';
import { pseudonymousId } from '../../values/registry-values';

export const CustomerAccountDunningEndedV1 = defineEvent({
  context: 'registry',
  name: 'CustomerAccountDunningEnded',
  version: 1,
  aggregate: 'customer-account',
  schema: z.strictObject({ accountId: pseudonymousId, endedAt: utcTimestamp }),
});
