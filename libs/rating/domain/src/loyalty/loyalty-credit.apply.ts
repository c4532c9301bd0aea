/**
 * Loyalty credit on a bill: points a member redeemed for credit are worth the programme's
 * point value in effect when the redemption was recorded; what is left of them (less the
 * credit already taken off earlier bills) comes off the member's next rated sessions as
 * one DISCOUNT line each, excl. VAT, in whole minor units, never more than the bill (excl.
 * and incl. VAT stay at or above zero). The line is settled by the engine's settlement,
 * with the session's rounding mode and its one VAT rate, so VAT on it follows the rule of
 * every other line. A session whose lines mix VAT rates takes no credit: it waits for the
 * next. The OCPI totals stay the price of the charging; the credit is a billing matter.
 */
import Decimal from 'decimal.js';
import type { EventData, SessionRatedV1 } from '@chargeledger/contracts';
import {
  settle,
  type BillableLine,
  type CdrTotals,
  type RatedSession,
} from '@chargeledger/rating/tariff';
import { inEffectAt } from '../tariff/tariff-version.resolve';
import type { MemberFacts } from '../member/member-facts';

type Rated = EventData<typeof SessionRatedV1>;

export interface LoyaltyCreditUse {
  readonly amount: string;
  readonly currency: string;
}

/** The credit the member has left in `currency`: grants valued then, less the uses. */
export function loyaltyCreditLeft(
  member: MemberFacts,
  uses: readonly LoyaltyCreditUse[],
  currency: string,
): Decimal {
  const granted = member.creditGrants.reduce((total, grant) => {
    const value = inEffectAt(member.programmes, grant.effectiveFrom)?.pointValue;
    return value?.currency === currency
      ? total.plus(new Decimal(value.amount).times(grant.points))
      : total;
  }, new Decimal(0));
  const used = uses
    .filter((use) => use.currency === currency)
    .reduce((total, use) => total.plus(use.amount), new Decimal(0));
  return granted.minus(used);
}

/** Settlement reads a session's lines only; the credit line's session has no CDR. */
const NO_CDR = { excl_vat: '0' };
const NO_CDR_TOTALS: CdrTotals = {
  total_cost: NO_CDR,
  total_fixed_cost: NO_CDR,
  total_energy_cost: NO_CDR,
  total_time_cost: NO_CDR,
  total_parking_cost: NO_CDR,
  total_reservation_cost: NO_CDR,
  total_energy: '0',
  total_time: '0',
  total_parking_time: '0',
};

/** The one VAT rate of the bill's lines; null when none has VAT; undefined when mixed. */
function vatRateOf(
  lines: readonly { readonly vat_rate?: string | undefined }[],
): string | null | undefined {
  const rates = new Set(lines.map((line) => line.vat_rate ?? null));
  if (rates.size !== 1) return rates.size === 0 ? null : undefined;
  const [rate] = [...rates];
  return rate === null ? null : rate === undefined ? undefined : new Decimal(rate).toFixed();
}

function creditLine(rated: Rated, amount: Decimal, vatRate: string | null): BillableLine {
  const excl = amount.negated();
  const incl = vatRate === null ? undefined : excl.times(new Decimal(vatRate).div(100).plus(1));
  const line = {
    kind: 'DISCOUNT',
    category: 'ADJUSTMENT',
    restrictions: [],
    quantity: '1',
    quantity_unit: 'session',
    unit_price: excl.toFixed(),
    ...(vatRate === null ? {} : { vat: vatRate }),
    excl_vat: excl.toFixed(),
    excl_vat_x3600: excl.times(3600).toFixed(),
    ...(incl === undefined
      ? {}
      : { incl_vat: incl.toFixed(), incl_vat_x3600: incl.times(3600).toFixed() }),
    note: 'loyalty credit',
  } as const;
  const session: RatedSession = {
    tariff_id: rated.tariff.tariffId,
    currency: rated.currency,
    time_zone: 'UTC',
    totals: NO_CDR_TOTALS,
    lines: [line],
  };
  const { billable } = rated;
  const [settled] = settle(session, {
    roundingMode: billable.rounding_mode,
    minorUnitDigits: billable.minor_unit_digits,
  }).lines;
  if (settled === undefined) throw new Error('settlement dropped the credit line');
  return settled;
}

/** The bill with `amount` of credit taken off, its totals the sums of its rounded lines. */
export function withLoyaltyCredit(rated: Rated, amount: string): Rated {
  const { billable } = rated;
  const vatRate = vatRateOf(billable.lines);
  if (vatRate === undefined) throw new Error('a credit needs one VAT rate on the bill');
  const line = creditLine(rated, new Decimal(amount), vatRate);
  const digits = billable.minor_unit_digits;
  const plus = (a: string | undefined, b: string | undefined) =>
    a === undefined || b === undefined ? undefined : new Decimal(a).plus(b).toFixed(digits);
  const vatAmount = plus(billable.total.vat_amount, line.vat_amount);
  const inclVat = plus(billable.total.incl_vat, line.incl_vat);
  return {
    ...rated,
    billable: {
      ...billable,
      lines: [...billable.lines, line],
      total: {
        excl_vat: new Decimal(billable.total.excl_vat).plus(line.excl_vat).toFixed(digits),
        ...(vatAmount === undefined ? {} : { vat_amount: vatAmount }),
        ...(inclVat === undefined ? {} : { incl_vat: inclVat }),
      },
    },
  };
}

/** How much of `left` this bill takes, in whole minor units; undefined when none. */
export function loyaltyCreditFor(rated: Rated, left: Decimal): string | undefined {
  const { billable } = rated;
  if (vatRateOf(billable.lines) === undefined) return undefined;
  const digits = billable.minor_unit_digits;
  const minorUnit = new Decimal(1).div(new Decimal(10).pow(digits));
  let amount = Decimal.min(left, billable.total.excl_vat).toDecimalPlaces(
    digits,
    Decimal.ROUND_DOWN,
  );
  // VAT on the credit is rounded once like any line's: step down until incl. stays >= 0.
  while (amount.isPositive() && !amount.isZero()) {
    const credited = withLoyaltyCredit(rated, amount.toFixed(digits)).billable.total;
    if (credited.incl_vat === undefined || !new Decimal(credited.incl_vat).isNegative())
      return amount.toFixed(digits);
    amount = amount.minus(minorUnit);
  }
  return undefined;
}
