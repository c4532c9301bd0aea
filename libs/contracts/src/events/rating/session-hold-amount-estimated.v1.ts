/**
 * The most a session that just started can cost, for the payment hold (subject
 * `session-hold/<sessionId>` in EVT_RATING, id derived from the SessionStarted). The
 * tariff engine's upper bound (costCeiling) of the tariff version valid at the start,
 * over the session's effective duration and energy limits (rating's defaults where it
 * has none), plus the version's overstay fee over that duration, rounded UP to the
 * currency's minor unit. A hold is not a bill: the one rounding point of DESIGN.md
 * applies to SessionRated's billable lines; this amount only bounds what may be
 * captured. A session whose station or tariff rating cannot resolve at its start gets
 * SessionHoldAmountRefused instead. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { currencyCode, externalId, nonNegativeDecimalString } from '../../values/values';
import { tariffId } from './tariff-version-published.v1';

const bound = z.strictObject({
  value: z.int().min(1),
  /** `limit`: the session's effective limit; `default`: rating's hold default. */
  source: z.enum(['limit', 'default']),
});

export const SessionHoldAmountEstimatedV1 = defineEvent({
  context: 'rating',
  name: 'SessionHoldAmountEstimated',
  version: 1,
  aggregate: 'session-hold',
  schema: z.strictObject({
    sessionId: z.uuid(),
    stationId: externalId,
    tokenRef: z.uuid().optional(),
    tariff: z.strictObject({ tariffId, version: z.int().min(1) }),
    currency: currencyCode,
    /** Rounded up to the minor unit. */
    amountExclVat: nonNegativeDecimalString,
    /** Present when every price of the tariff (and the overstay fee) names its VAT. */
    amountInclVat: nonNegativeDecimalString.optional(),
    maxDurationS: bound,
    maxEnergyWh: bound,
  }),
});
