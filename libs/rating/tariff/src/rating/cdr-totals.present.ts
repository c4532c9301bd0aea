// The OCPI CDR totals of a rated session (mod_cdrs "CDR Object"): total_cost and one total
// per cost kind, each {excl_vat, incl_vat}, where incl_vat is present only when every line
// behind it had a VAT rate; plus total_energy (kWh), total_time and total_parking_time (h).
// Category totals are before min/max price; total_cost includes the adjustment lines.
import { Exact, ZERO, toPlain } from '../model/exact-decimal.util';
import { formatMoney, money } from '../model/money.model';
import type { RatingSessionModel } from '../model/session-period.model';
import { hoursText } from './hours.format';
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

const CATEGORIES: readonly LineCategory[] = [
  'FIXED',
  'ENERGY',
  'TIME',
  'PARKING',
  'RESERVATION',
  'ADJUSTMENT',
];

interface Sum {
  excl: Exact;
  /** undefined once a line without VAT counted towards it. */
  incl: Exact | undefined;
}

function present(sum: Sum, currency: string): CdrPrice {
  return {
    excl_vat: formatMoney(money(currency, sum.excl)),
    ...(sum.incl === undefined ? {} : { incl_vat: formatMoney(money(currency, sum.incl)) }),
  };
}

function add(sum: Sum, excl: Exact, incl: Exact | undefined): void {
  sum.excl = sum.excl.plus(excl);
  sum.incl = sum.incl === undefined || incl === undefined ? undefined : sum.incl.plus(incl);
}

export function cdrTotals(
  model: RatingSessionModel,
  lines: readonly LineDraft[],
  currency: string,
): CdrTotals {
  const sums = new Map<LineCategory, Sum>(
    CATEGORIES.map((key) => [key, { excl: ZERO, incl: ZERO }]),
  );
  for (const line of lines) {
    if (line.exclVat.currency !== currency) throw new Error(`currency mismatch: ${currency}`);
    const sum = sums.get(line.category);
    if (sum !== undefined) add(sum, line.exclVat.x3600, line.inclVat?.x3600);
  }
  const all: Sum = { excl: ZERO, incl: ZERO };
  for (const sum of sums.values()) add(all, sum.excl, sum.incl);
  const priceOf = (key: LineCategory) =>
    present(sums.get(key) ?? { excl: ZERO, incl: ZERO }, currency);
  return {
    total_cost: present(all, currency),
    total_fixed_cost: priceOf('FIXED'),
    total_energy_cost: priceOf('ENERGY'),
    total_time_cost: priceOf('TIME'),
    total_parking_cost: priceOf('PARKING'),
    total_reservation_cost: priceOf('RESERVATION'),
    total_energy: toPlain(model.energyKwh),
    total_time: hoursText(new Exact(BigInt(model.endMs - model.startMs), 3)),
    total_parking_time: hoursText(model.parkingS),
  };
}
