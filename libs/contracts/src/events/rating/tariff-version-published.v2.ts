/**
 * An operator published a version of a tariff: v1's fields (see
 * tariff-version-published.v1.ts: an immutable version with its validity window, the
 * OCPI 2.2.1 Tariff object) plus the rating options beyond OCPI that price sessions of
 * this version. `overstay`: an idle fee for the time a vehicle stays plugged in after it
 * stopped charging, beyond `graceS`, at `pricePerHour` excl. VAT (with `vat` percent when
 * given), billed in blocks of `stepS` seconds (0 = by the second). A v1 event upcasts to
 * a v2 without options. Frozen: change = v3.
 */
import { z } from 'zod';
import { defineEvent, defineUpcaster } from '../event-definition';
import { currencyCode, nonNegativeDecimalString, utcTimestamp } from '../../values/values';
import { tariffId, TariffVersionPublishedV1 } from './tariff-version-published.v1';

/** A day: a longer grace period, or step, means there is no overstay fee. */
const DAY_S = 86_400;

export const overstayOption = z.strictObject({
  graceS: z.int().min(0).max(DAY_S),
  pricePerHour: nonNegativeDecimalString,
  vat: nonNegativeDecimalString.optional(),
  stepS: z.int().min(0).max(DAY_S),
});

export const tariffRatingOptions = z.strictObject({ overstay: overstayOption.optional() });
export type TariffRatingOptions = z.infer<typeof tariffRatingOptions>;

export const TariffVersionPublishedV2 = defineEvent({
  context: 'rating',
  name: 'TariffVersionPublished',
  version: 2,
  aggregate: 'tariff',
  schema: z.strictObject({
    tariffId,
    version: z.int().min(1),
    currency: currencyCode,
    validFrom: utcTimestamp,
    /** Exclusive; null = open-ended. */
    validTo: utcTimestamp.nullable(),
    tariff: z.record(z.string(), z.unknown()),
    ratingOptions: tariffRatingOptions.optional(),
  }),
});

/** v1 had no options: the same version, priced by OCPI alone. */
export const tariffVersionPublishedV1ToV2 = defineUpcaster(
  TariffVersionPublishedV1,
  TariffVersionPublishedV2,
  (data) => data,
);
