// Test support: compares decimal strings by value ("5.50" equals "5.5").
import Decimal from 'decimal.js';

export function sameDecimal(actual: string | undefined, expected: string): boolean {
  return actual !== undefined && new Decimal(actual).equals(expected);
}

export function expectDecimal(actual: string | undefined, expected: string): void {
  if (!sameDecimal(actual, expected)) {
    throw new Error(`expected ${expected}, got ${String(actual)}`);
  }
}
