// The one rounding function of the system (DESIGN.md "one rounding point"): an exact amount
// to the currency's minor unit with a named mode. Operators choose the mode; the default
// is half-up. Minor unit digits follow ISO 4217 for the currencies listed, 2 otherwise,
// and a policy may state them explicitly.
import type Decimal from 'decimal.js';
import { Exact } from '../model/exact-decimal.util';

export const ROUNDING_MODES = [
  'HALF_UP',
  'HALF_EVEN',
  'HALF_DOWN',
  'UP',
  'DOWN',
  'CEILING',
  'FLOOR',
] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

const DECIMAL_JS_MODE: Record<RoundingMode, Decimal.Rounding> = {
  HALF_UP: Exact.ROUND_HALF_UP,
  HALF_EVEN: Exact.ROUND_HALF_EVEN,
  HALF_DOWN: Exact.ROUND_HALF_DOWN,
  UP: Exact.ROUND_UP,
  DOWN: Exact.ROUND_DOWN,
  CEILING: Exact.ROUND_CEIL,
  FLOOR: Exact.ROUND_FLOOR,
};

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

export function roundToMinorUnit(amount: Exact, digits: number, mode: RoundingMode): Exact {
  return amount.toDecimalPlaces(digits, DECIMAL_JS_MODE[mode]);
}
