// Money inside rating. Time is priced per hour but measured in seconds, so an amount like
// 1.00 EUR/h x 7 s = 0.00194... has no finite decimal form. Instead of rounding it, every
// amount is held as an exact decimal count of 1/3600ths of the currency unit ("x3600"):
// price x seconds and price x kWh x 3600 are both exact, and so are their sums. Division by
// 3600 happens only when an amount is shown, or in settlement right before the one rounding.
import { Exact, SECONDS_PER_HOUR, ZERO, toPlain } from './exact-decimal.util';

export interface Money {
  readonly currency: string;
  /** The amount times 3600, exact. */
  readonly x3600: Exact;
}

/** Decimal places shown for an amount whose decimal expansion does not terminate. */
const REPEATING_DISPLAY_PLACES = 30;

export function money(currency: string, x3600: Exact): Money {
  return { currency, x3600 };
}

export function zeroMoney(currency: string): Money {
  return { currency, x3600: ZERO };
}

/** An amount given in whole currency units (a tariff price or a price bound). */
export function moneyOfUnits(currency: string, units: Exact): Money {
  return { currency, x3600: units.times(SECONDS_PER_HOUR) };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new Error(`currency mismatch: ${a.currency} and ${b.currency}`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { currency: a.currency, x3600: a.x3600.plus(b.x3600) };
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { currency: a.currency, x3600: a.x3600.minus(b.x3600) };
}

export function compareMoney(a: Money, b: Money): number {
  assertSameCurrency(a, b);
  return a.x3600.comparedTo(b.x3600);
}

export function scaleMoney(a: Money, factor: Exact): Money {
  return { currency: a.currency, x3600: a.x3600.times(factor) };
}

export function sumMoney(currency: string, amounts: readonly Money[]): Money {
  return amounts.reduce<Money>((total, amount) => addMoney(total, amount), zeroMoney(currency));
}

/**
 * The amount in currency units: exact when amount/3600 terminates (3600 = 2^4 3^2 5^2, so
 * when 9 divides the numerator), else to 30 places (display only).
 */
export function unitsOf(amount: Money): Exact {
  if (amount.x3600.isZero()) return ZERO;
  return amount.x3600.dividedBy(SECONDS_PER_HOUR, REPEATING_DISPLAY_PLACES);
}

export function formatMoney(amount: Money): string {
  return toPlain(unitsOf(amount));
}
