/**
 * The OCPI Credit CDR of a rated CDR and the delta a correction makes. A credit negates
 * every cost of the CDR's exact totals and every amount and quantity of its billable
 * lines digit for digit (the scale is kept, zero stays zero), so its lines sum to exactly
 * minus the billed total and nothing is rounded again; energy, times and charging periods
 * stay the session's. Its id is the credited CDR's id + `-C` (OCPI leaves a credit CDR
 * three characters past the 36 of a normal one) and it references the credited CDR.
 */
import Decimal from 'decimal.js';
import type { EventData, SessionRatedV1, SessionReRatedV1 } from '@chargeledger/contracts';

export type RatedCdr = EventData<typeof SessionRatedV1>;
type ReRated = EventData<typeof SessionReRatedV1>;
export type CreditCdr = ReRated['credit'];
export type BillableDelta = ReRated['delta'];

type Price = RatedCdr['totals']['total_cost'];
type Line = RatedCdr['billable']['lines'][number];

export const CREDIT_CDR_SUFFIX = '-C';

/** `-x` for `x` and `x` for `-x`, exactly as written; a zero keeps its sign-free form. */
export function negateDecimal(value: string): string {
  if (value.startsWith('-')) return value.slice(1);
  return /^[0.]+$/.test(value) ? value : `-${value}`;
}

const negatePrice = (price: Price): Price => ({
  excl_vat: negateDecimal(price.excl_vat),
  ...(price.incl_vat === undefined ? {} : { incl_vat: negateDecimal(price.incl_vat) }),
});

function negateLine(line: Line): Line {
  return {
    ...line,
    quantity: negateDecimal(line.quantity),
    excl_vat: negateDecimal(line.excl_vat),
    ...(line.vat_amount === undefined ? {} : { vat_amount: negateDecimal(line.vat_amount) }),
    ...(line.incl_vat === undefined ? {} : { incl_vat: negateDecimal(line.incl_vat) }),
  };
}

export function creditOf(cdr: RatedCdr): CreditCdr {
  const { totals, billable } = cdr;
  const { vat_amount: vat, incl_vat: incl, excl_vat: excl } = billable.total;
  return {
    ...cdr,
    cdrId: `${cdr.cdrId}${CREDIT_CDR_SUFFIX}`,
    creditReferenceId: cdr.cdrId,
    totals: {
      ...totals,
      total_cost: negatePrice(totals.total_cost),
      total_fixed_cost: negatePrice(totals.total_fixed_cost),
      total_energy_cost: negatePrice(totals.total_energy_cost),
      total_time_cost: negatePrice(totals.total_time_cost),
      total_parking_cost: negatePrice(totals.total_parking_cost),
      total_reservation_cost: negatePrice(totals.total_reservation_cost),
    },
    billable: {
      ...billable,
      lines: billable.lines.map(negateLine),
      total: {
        excl_vat: negateDecimal(excl),
        ...(vat === undefined ? {} : { vat_amount: negateDecimal(vat) }),
        ...(incl === undefined ? {} : { incl_vat: negateDecimal(incl) }),
      },
    },
  };
}

/** corrected − previous, per amount, at the minor unit both were settled in (exact). */
export function deltaOf(previous: RatedCdr, corrected: RatedCdr): BillableDelta {
  const digits = Math.max(
    previous.billable.minor_unit_digits,
    corrected.billable.minor_unit_digits,
  );
  const minus = (a: string, b: string) => new Decimal(a).minus(b).toFixed(digits);
  const [before, after] = [previous.billable.total, corrected.billable.total];
  return {
    currency: corrected.currency,
    excl_vat: minus(after.excl_vat, before.excl_vat),
    ...(after.vat_amount === undefined || before.vat_amount === undefined
      ? {}
      : { vat_amount: minus(after.vat_amount, before.vat_amount) }),
    ...(after.incl_vat === undefined || before.incl_vat === undefined
      ? {}
      : { incl_vat: minus(after.incl_vat, before.incl_vat) }),
  };
}
