// The OCPI CDR totals of a rated session (mod_cdrs "CDR Object"): total_cost and one total
// per cost kind, each {excl_vat, incl_vat}, where incl_vat is present only when every line
// behind it had a VAT rate; plus total_energy (kWh), total_time and total_parking_time (h).
// Category totals are before min/max price; total_cost includes the adjustment lines.
import { Exact, SECONDS_PER_HOUR, ZERO, toPlain } from '../model/exact-decimal.util';
import { formatMoney } from '../model/money.model';
import type { RatingSessionModel } from '../model/session-period.model';
import { totalsOf } from './price-bounds.rule';
import type { LineCategory, LineDraft } from './rated-line.model';

export interface CdrPrice {
  readonly excl_vat: string;
  readonly incl_vat?: string;
}

export interface CdrTotals {
  readonly total_cost: CdrPrice;
  readonly total_fixed_cost: CdrPrice;
  readonly total_energy_cost: CdrPrice;
  readonly total_time_cost: CdrPrice;
  readonly total_parking_cost: CdrPrice;
  readonly total_reservation_cost: CdrPrice;
  /** kWh */
  readonly total_energy: string;
  /** Hours, wall clock from start_date_time to end_date_time. */
  readonly total_time: string;
  /** Hours. */
  readonly total_parking_time: string;
}

const REPEATING_DISPLAY_PLACES = 30;

/** Seconds as hours: exact when the quotient terminates, else 30 places (display only). */
export function hoursText(seconds: Exact): string {
  const hours = seconds.dividedBy(SECONDS_PER_HOUR);
  const backToSeconds = hours.times(SECONDS_PER_HOUR);
  return toPlain(
    backToSeconds.equals(seconds) ? hours : hours.toDecimalPlaces(REPEATING_DISPLAY_PLACES),
  );
}

function priceOf(lines: readonly LineDraft[], currency: string): CdrPrice {
  const totals = totalsOf(lines, currency);
  return {
    excl_vat: formatMoney(totals.exclVat),
    ...(totals.inclVat === undefined ? {} : { incl_vat: formatMoney(totals.inclVat) }),
  };
}

function categoryPrice(lines: readonly LineDraft[], category: LineCategory, currency: string) {
  return priceOf(
    lines.filter((line) => line.category === category),
    currency,
  );
}

export function cdrTotals(
  model: RatingSessionModel,
  lines: readonly LineDraft[],
  currency: string,
): CdrTotals {
  let energy = ZERO;
  let parking = ZERO;
  for (const period of model.periods) {
    energy = energy.plus(period.energyKwh);
    parking = parking.plus(period.parkingS);
  }
  return {
    total_cost: priceOf(lines, currency),
    total_fixed_cost: categoryPrice(lines, 'FIXED', currency),
    total_energy_cost: categoryPrice(lines, 'ENERGY', currency),
    total_time_cost: categoryPrice(lines, 'TIME', currency),
    total_parking_cost: categoryPrice(lines, 'PARKING', currency),
    total_reservation_cost: categoryPrice(lines, 'RESERVATION', currency),
    total_energy: toPlain(energy),
    total_time: hoursText(new Exact(model.endMs - model.startMs).dividedBy(1000)),
    total_parking_time: hoursText(parking),
  };
}
