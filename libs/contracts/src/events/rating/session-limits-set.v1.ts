/**
 * Session limits were set for a scope (subject `session-limits/<scope>:<scopeId>` in
 * EVT_RATING; the subject sequence is the aggregate's version for optimistic
 * concurrency). An operator sets them for a station, account, driver or tariff; they
 * apply to sessions starting at or after this event's time (the envelope time), and the
 * latest setting replaces the previous one (no field = no bound of that kind). A driver
 * sets them for their own session (`session`), only ever tighter, from this event's time
 * on. A session is bounded by the tightest of every limit that applies to it.
 * Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { externalId } from '../../values/values';
import { limitScope, sessionLimitValues } from '../../values/session-limit-values';

export const SessionLimitsSetV1 = defineEvent({
  context: 'rating',
  name: 'SessionLimitsSet',
  version: 1,
  aggregate: 'session-limits',
  schema: z.strictObject({
    scope: limitScope,
    /** The station, account, driver, tariff or session id, as the setter named it. */
    scopeId: externalId,
    limits: sessionLimitValues,
  }),
});
