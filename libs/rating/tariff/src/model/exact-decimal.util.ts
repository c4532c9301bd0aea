// Exact decimal arithmetic for rating. Every number that can become money goes through the
// dedicated Decimal clone below, never through `number`. Its precision is far above what
// products of tariff prices, VAT rates and meter volumes need, so multiplication and
// addition stay exact; the one inexact step (dividing by 3600, see money.model.ts) is kept
// out of the amounts and done only for display.
import Decimal from 'decimal.js';

export const Exact = Decimal.clone({
  precision: 80,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 60,
});
export type Exact = InstanceType<typeof Exact>;

export const ZERO = new Exact(0);
export const ONE = new Exact(1);
export const HUNDRED = new Exact(100);
export const SECONDS_PER_HOUR = new Exact(3600);
export const WH_PER_KWH = new Exact(1000);

/** Parses a decimal from a JSON number or string; throws on anything not finite. */
export function exact(value: number | string): Exact {
  const parsed = new Exact(typeof value === 'number' ? String(value) : value);
  if (!parsed.isFinite()) throw new RangeError(`not a finite decimal: ${String(value)}`);
  return parsed;
}

/** Canonical decimal string: no exponent, no trailing zeros, "-0" normalised to "0". */
export function toPlain(value: Exact): string {
  if (value.isZero()) return '0';
  return value.toFixed();
}

export function maxOf(a: Exact, b: Exact): Exact {
  return a.greaterThanOrEqualTo(b) ? a : b;
}

export function minOf(a: Exact, b: Exact): Exact {
  return a.lessThanOrEqualTo(b) ? a : b;
}

/** Rounds `volume` up to the next whole multiple of `step` (a positive decimal). */
export function ceilToStep(volume: Exact, step: Exact): Exact {
  return volume.dividedBy(step).ceil().times(step);
}
