/**
 * Wire value types shared by event schemas. Money and energy travel as exact decimal
 * strings, never JSON numbers, so no binary float ever touches them; times are UTC.
 */
import { z } from 'zod';

export const decimalString = z
  .string()
  .regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a decimal string such as "12.5"');
export const nonNegativeDecimalString = decimalString.refine(
  (v) => !v.startsWith('-'),
  'must not be negative',
);
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"');
export const utcTimestamp = z.iso.datetime({ offset: false });
export const externalId = z.string().min(1).max(255);

export const money = z.strictObject({ amount: decimalString, currency: currencyCode });
export type Money = z.infer<typeof money>;
