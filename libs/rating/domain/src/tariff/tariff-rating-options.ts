/**
 * The engine's rating options a tariff version carries (TariffVersionPublished v2): its
 * overstay fee, if any. Spread into rate()'s context, so the live cost and the final
 * rating of a session price the same version the same way.
 */
import type { RatingOptions } from '@chargeledger/rating/tariff';
import type { TariffVersionData } from './tariff.decider';

export function ratingOptionsOf(version: TariffVersionData): { options?: RatingOptions } {
  const overstay = version.ratingOptions?.overstay;
  if (overstay === undefined) return {};
  return {
    options: {
      overstay: {
        graceS: overstay.graceS,
        pricePerHour: overstay.pricePerHour,
        stepS: overstay.stepS,
        ...(overstay.vat === undefined ? {} : { vat: overstay.vat }),
      },
    },
  };
}
