/**
 * Rating corrected the price of a rated session: one event carrying both halves of the
 * correction, on `session-rating/<sessionId>` after the SessionRated (or the previous
 * SessionReRated) it corrects, appended with that subject's sequence as the expectation.
 *
 * - `credit` is the OCPI Credit CDR of the CDR being corrected (the latest effective
 *   one: the SessionRated's, or the previous correction's `corrected`): id = that CDR's
 *   id + `-C`, `creditReferenceId` = that CDR's id, every cost in its totals and every
 *   amount and quantity of its billable lines negated exactly, so its lines sum to minus
 *   the billed total with no rounding of their own; energy, times and charging periods
 *   are the credited CDR's (OCPI's quantities of a credit CDR are the session's).
 * - `corrected` is the new CDR, rated by the same engine with the correction and settled
 *   once: the exact shape of SessionRated's data, with a new 36-character CDR id (OCPI's
 *   limit for a non-credit CDR leaves no room for a suffix on the session's id).
 * - `delta` = corrected billable total − credited billable total, per amount.
 *
 * One event rather than a credit event and a re-rating event: the two halves are one
 * fact (one message, one id, one subject sequence), so no consumer ever sees a credit
 * without its replacement, and a retried command or redelivered late fact republishes
 * one id JetStream dedupes. Payments apply `delta` to what they captured (capture more
 * or refund); invoicing issues a credit note from `credit` and an invoice from
 * `corrected` with the code it runs for SessionRated, since both halves are
 * SessionRated's shape. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import {
  currencyCode,
  decimalString,
  nonNegativeDecimalString,
  utcTimestamp,
} from '../../values/values';
import { ratedSessionCdr } from './session-rated.v1';
import { tariffId } from './tariff-version-published.v1';

/** Why an operator corrects a rating; LATE_FACTS is rating's own, for facts after the rating. */
export const RE_RATING_REASONS = [
  'DISPUTE',
  'METER_ERROR',
  'TARIFF_ERROR',
  'OTHER',
  'LATE_FACTS',
] as const;

/**
 * What a correction answers (a dispute or ticket id): an identifier, never prose, so no
 * personal data is written into the log for good.
 */
export const reRatingReference = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/,
    'must be an identifier of 1-64 letters, digits, . _ : -',
  );

export const correctedMeterSample = z.strictObject({
  sampledAt: utcTimestamp,
  energyRegisterWh: nonNegativeDecimalString,
});

export const reRatingCorrection = z.discriminatedUnion('kind', [
  /** The session's energy register samples, replaced by these (ascending, inside the session). */
  z.strictObject({
    kind: z.literal('METER_DATA'),
    samples: z.array(correctedMeterSample).min(1).max(10_000),
  }),
  /** The session rated with this tariff version instead. */
  z.strictObject({
    kind: z.literal('TARIFF_VERSION'),
    tariffId,
    version: z.int().min(1),
  }),
  /** Ingestion recorded this session fact after the session was rated. */
  z.strictObject({ kind: z.literal('LATE_FACTS'), factEventId: z.uuid() }),
]);

export const SessionReRatedV1 = defineEvent({
  context: 'rating',
  name: 'SessionReRated',
  version: 1,
  aggregate: 'session-rating',
  schema: z.strictObject({
    sessionId: z.uuid(),
    reason: z.enum(RE_RATING_REASONS),
    reference: reRatingReference.optional(),
    correction: reRatingCorrection,
    credit: ratedSessionCdr.extend({ creditReferenceId: z.string().min(1).max(39) }),
    corrected: ratedSessionCdr,
    delta: z.strictObject({
      currency: currencyCode,
      excl_vat: decimalString,
      vat_amount: decimalString.optional(),
      incl_vat: decimalString.optional(),
    }),
  }),
});
