/**
 * A re-rating lowered the loyalty credit a session's bill takes: the corrected bill takes
 * `amount` where the session's use (its LoyaltyCreditApplied, or an earlier correction)
 * was more, and the difference is the member's again, for later bills. On the member's
 * `loyalty-credit` subject, appended against its last sequence like a use; the id is
 * derived from the SessionReRated, so one per re-rating. Excl. VAT, in whole minor units.
 * Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { money } from '../../values/values';
import { pseudonymousId } from '../../values/registry-values';

export const LoyaltyCreditUseCorrectedV1 = defineEvent({
  context: 'rating',
  name: 'LoyaltyCreditUseCorrected',
  version: 1,
  aggregate: 'loyalty-credit',
  schema: z.strictObject({
    driverId: pseudonymousId,
    sessionId: z.uuid(),
    amount: money,
  }),
});
