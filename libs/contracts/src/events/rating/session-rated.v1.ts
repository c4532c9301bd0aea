/**
 * Rating priced an ended session: the OCPI CDR (exact totals, charging periods, the tariff
 * id and version it was rated with) and the billable lines from settlement. One per
 * session on `session-rating/<sessionId>`; a correction later is a credit CDR plus a new
 * rating, never an edit of this one. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { currencyCode, externalId, utcTimestamp } from '../../values/values';
import { billableSettlement, cdrChargingPeriod, cdrTotals } from './rating-values';
import { tariffId } from './tariff-version-published.v1';

/** The rated session's CDR and bill, also the shape of each half of a re-rating. */
export const ratedSessionCdr = z.strictObject({
  sessionId: z.uuid(),
  /** The OCPI CDR id rating issued for this session. */
  cdrId: z.string().min(1).max(39),
  stationId: externalId,
  tokenRef: z.uuid().optional(),
  startedAt: utcTimestamp,
  endedAt: utcTimestamp,
  tariff: z.strictObject({ tariffId, version: z.int().min(1) }),
  currency: currencyCode,
  chargingPeriods: z.array(cdrChargingPeriod).min(1),
  totals: cdrTotals,
  billable: billableSettlement,
});

export const SessionRatedV1 = defineEvent({
  context: 'rating',
  name: 'SessionRated',
  version: 1,
  aggregate: 'session-rating',
  schema: ratedSessionCdr,
});
