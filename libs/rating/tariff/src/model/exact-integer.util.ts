// The integers under exact decimals (exact-decimal.util.ts): a safe-integer `number` while
// the value fits (|n| < 2^53, where double arithmetic on integers is exact) and a BigInt
// beyond, so the common case never allocates a BigInt; and the one exact rounding of an
// integer quotient with a named mode.
// The mode names are the contract's: operators choose one, SessionRated names it.
import { ROUNDING_MODES } from '@chargeledger/contracts';

export { ROUNDING_MODES };
/** UP and DOWN are away from and towards zero; CEILING and FLOOR towards +/- infinity. */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** An exact integer: a safe-integer number, or a BigInt only when beyond that range. */
export type Units = number | bigint;

const POW10: bigint[] = [1n];
export function pow10(exponent: number): bigint {
  for (let known = POW10.length; known <= exponent; known += 1) {
    POW10.push((POW10[known - 1] ?? 1n) * 10n);
  }
  return POW10[exponent] ?? 1n;
}
export const POW10_NUMBER = Array.from({ length: 16 }, (_, exponent) => 10 ** exponent);

export function big(value: Units): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

export function narrow(value: bigint): Units {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
}
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// A double product or sum of two safe integers that is itself a safe integer is exact: an
// inexact one would have rounded to a value beyond the safe range.
export function mul(a: Units, b: Units): Units {
  if (typeof a === 'number' && typeof b === 'number') {
    const product = a * b;
    if (Number.isSafeInteger(product)) return product;
  }
  return narrow(big(a) * big(b));
}

export function add(a: Units, b: Units): Units {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return narrow(big(a) + big(b));
}

export function shiftLeft(value: Units, places: number): Units {
  if (places === 0) return value;
  const factor = POW10_NUMBER[places];
  return factor === undefined ? narrow(big(value) * pow10(places)) : mul(value, factor);
}

export function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

export function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** n / d (d > 0) rounded to an integer with `mode`, exactly. */
export function roundedQuotient(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  const half = abs(r) * 2n;
  switch (mode) {
    case 'DOWN':
      return q;
    case 'UP':
      return away;
    case 'CEILING':
      return n < 0n ? q : q + 1n;
    case 'FLOOR':
      return n < 0n ? q - 1n : q;
    case 'HALF_UP':
      return half >= d ? away : q;
    case 'HALF_DOWN':
      return half > d ? away : q;
    case 'HALF_EVEN':
      return half > d || (half === d && q % 2n !== 0n) ? away : q;
  }
}

/** The integer `units` as text with `places` decimals (integers print without exponent). */
export function digitsText(units: Units, places: number): string {
  const negative = units < 0;
  const text = (negative ? -units : units).toString().padStart(places + 1, '0');
  const whole = text.slice(0, text.length - places);
  const sign = negative ? '-' : '';
  return places === 0 ? `${sign}${whole}` : `${sign}${whole}.${text.slice(text.length - places)}`;
}
