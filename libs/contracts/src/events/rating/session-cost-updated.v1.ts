/**
 * The running cost of an open session, priced by the same engine over the facts so far
 * (what the driver sees while charging). Throttled: not every meter value produces one.
 * The last one before SessionRated equals the rated total. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { nonNegativeDecimalString, utcTimestamp } from '../../values/values';
import { cdrPrice } from './rating-values';
import { tariffId } from './tariff-version-published.v1';

export const SessionCostUpdatedV1 = defineEvent({
  context: 'rating',
  name: 'SessionCostUpdated',
  version: 1,
  aggregate: 'session-rating',
  schema: z.strictObject({
    sessionId: z.uuid(),
    /** The station time of the last meter reading priced. */
    asOf: utcTimestamp,
    energyWh: nonNegativeDecimalString,
    tariff: z.strictObject({ tariffId, version: z.int().min(1) }),
    /** Exact, like the CDR total; the bill rounds per line at the end. */
    cost: cdrPrice,
    /** What the driver will be billed if the session ended now (sum of rounded lines). */
    billableInclVat: nonNegativeDecimalString.optional(),
    billableExclVat: nonNegativeDecimalString,
  }),
});
