/**
 * Rating could not price an ended session from the log: no tariff was assigned to its
 * station at its start, the assigned tariff had no version valid at its start, the
 * station is unknown, or the engine refused the session's meter facts. A business fact
 * on `session-rating/<sessionId>` (never a silent drop): operators see it and correct
 * the cause, then re-rate. Decided only once rating's registry and tariff views had
 * caught up with their streams, so the same log always gives the same answer.
 * Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { externalId, utcTimestamp } from '../../values/values';

export const SESSION_RATING_REFUSAL_CODES = [
  'RATING.UNKNOWN_STATION',
  'RATING.NO_TARIFF_ASSIGNED',
  'RATING.NO_TARIFF_VERSION_AT_START',
  'RATING.UNRATABLE_SESSION',
] as const;

export const SessionRatingRefusedV1 = defineEvent({
  context: 'rating',
  name: 'SessionRatingRefused',
  version: 1,
  aggregate: 'session-rating',
  schema: z.strictObject({
    sessionId: z.uuid(),
    stationId: externalId,
    startedAt: utcTimestamp,
    endedAt: utcTimestamp,
    code: z.enum(SESSION_RATING_REFUSAL_CODES),
    /** For people: what was missing or which fact the engine refused. */
    detail: z.string().min(1).max(2_000),
    /** The tariff the station had at the start, when that was known. */
    tariffId: z.string().min(1).max(36).optional(),
  }),
});
