// The one rounding function of the system (DESIGN.md "one rounding point"): an exact amount
// to the currency's minor unit with a named mode. Operators choose the mode; the default
// is half-up. Minor unit digits follow ISO 4217 for the currencies listed, 2 otherwise,
// and a policy may state them explicitly.
import {
  Exact,
  ROUNDING_MODES,
  roundedQuotient,
  type RoundingMode,
} from '../model/exact-decimal.util';

export { ROUNDING_MODES, type RoundingMode };

/** ISO 4217 currencies whose minor unit is not 2 digits. */
const MINOR_UNIT_DIGITS: Readonly<Record<string, number>> = {
  BHD: 3,
  CLP: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  UGX: 0,
  VND: 0,
  XAF: 0,
  XOF: 0,
};

export function minorUnitDigits(currency: string): number {
  return MINOR_UNIT_DIGITS[currency] ?? 2;
}

/** amount / divisor to `digits` places with `mode`, exactly (no intermediate rounding). */
export function roundToMinorUnit(
  amount: Exact,
  digits: number,
  mode: RoundingMode,
  divisor: bigint = 1n,
): Exact {
  const scaledDivisor = divisor * 10n ** BigInt(amount.scale);
  const minor = roundedQuotient(amount.bigUnits() * 10n ** BigInt(digits), scaledDivisor, mode);
  return new Exact(minor, digits);
}
