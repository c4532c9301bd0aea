/**
 * Rating cannot bound what a session that just started may cost, so it estimates no
 * hold amount (subject `session-hold/<sessionId>` in EVT_RATING, id derived from the
 * SessionStarted): its station is unknown, no tariff was assigned to it at the start,
 * or the assigned tariff had no version valid then. The codes are SessionRatingRefused's
 * for the same causes, which the session's end will get too. Payments applies its own
 * policy to such a session instead of waiting for an estimate. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { externalId, utcTimestamp } from '../../values/values';

export const SESSION_HOLD_REFUSAL_CODES = [
  'RATING.UNKNOWN_STATION',
  'RATING.NO_TARIFF_ASSIGNED',
  'RATING.NO_TARIFF_VERSION_AT_START',
] as const;

export const SessionHoldAmountRefusedV1 = defineEvent({
  context: 'rating',
  name: 'SessionHoldAmountRefused',
  version: 1,
  aggregate: 'session-hold',
  schema: z.strictObject({
    sessionId: z.uuid(),
    stationId: externalId,
    startedAt: utcTimestamp,
    code: z.enum(SESSION_HOLD_REFUSAL_CODES),
    /** For people: what was missing. */
    detail: z.string().min(1).max(2_000),
    /** The tariff the station had at the start, when that was known. */
    tariffId: z.string().min(1).max(36).optional(),
  }),
});
