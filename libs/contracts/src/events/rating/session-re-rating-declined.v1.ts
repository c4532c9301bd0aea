/**
 * Rating did not re-rate a rated session for a fact ingestion recorded after the rating,
 * and says why, on `session-rating/<sessionId>` (the log is never edited and a late fact
 * is never dropped silently): the fact came after the re-rating window, an operator's
 * meter correction stands in place of the session's samples, the session was never
 * rated, the engine refused the facts, or the price did not change. The CDR in effect
 * stays; an operator can still correct it (POST .../re-ratings). Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';

export const RE_RATING_DECLINE_CODES = [
  'RATING.RE_RATING_WINDOW_CLOSED',
  'RATING.METER_DATA_CORRECTED',
  'RATING.SESSION_NOT_RATED',
  'RATING.UNRATABLE_SESSION',
  'RATING.PRICE_UNCHANGED',
] as const;

export const SessionReRatingDeclinedV1 = defineEvent({
  context: 'rating',
  name: 'SessionReRatingDeclined',
  version: 1,
  aggregate: 'session-rating',
  schema: z.strictObject({
    sessionId: z.uuid(),
    /** The late session fact (an ingestion event id). */
    factEventId: z.uuid(),
    code: z.enum(RE_RATING_DECLINE_CODES),
    detail: z.string().min(1).max(2_000),
    /** The CDR that stays in effect, when the session has one. */
    cdrId: z.string().min(1).max(39).optional(),
  }),
});
