/**
 * Wire shapes of rated sessions: the OCPI CDR totals kept exact (unrounded, as OCPI leaves
 * rounding to law and contract) and the billable lines rounded once, per line, in the
 * currency's minor unit by rating's settlement. Payments capture the billable total and
 * invoices copy the lines; nothing downstream rounds again.
 */
import { z } from 'zod';
import { currencyCode, decimalString, nonNegativeDecimalString } from '../../values/values';
import { roundingMode } from '../../values/registry-values';

export const cdrPrice = z.strictObject({
  excl_vat: decimalString,
  incl_vat: decimalString.optional(),
});

export const cdrTotals = z.strictObject({
  total_cost: cdrPrice,
  total_fixed_cost: cdrPrice,
  total_energy_cost: cdrPrice,
  total_time_cost: cdrPrice,
  total_parking_cost: cdrPrice,
  total_reservation_cost: cdrPrice,
  /** kWh. */
  total_energy: nonNegativeDecimalString,
  /** Hours. */
  total_time: nonNegativeDecimalString,
  total_parking_time: nonNegativeDecimalString,
});

export const cdrChargingPeriod = z.strictObject({
  start_date_time: z.iso.datetime({ offset: true }),
  dimensions: z
    .array(z.strictObject({ type: z.string().min(1).max(32), volume: nonNegativeDecimalString }))
    .min(1),
  tariff_id: z.string().optional(),
});

export const BILLABLE_LINE_KINDS = [
  'FLAT',
  'ENERGY',
  'TIME',
  'PARKING_TIME',
  'RESERVATION_FLAT',
  'RESERVATION_TIME',
  'MIN_PRICE',
  'MAX_PRICE',
  'OVERSTAY',
  'DISCOUNT',
] as const;

export const billableLine = z.strictObject({
  kind: z.enum(BILLABLE_LINE_KINDS),
  category: z.enum(['FIXED', 'ENERGY', 'TIME', 'PARKING', 'RESERVATION', 'ADJUSTMENT']),
  element_index: z.int().nonnegative().optional(),
  component_index: z.int().nonnegative().optional(),
  quantity: decimalString,
  quantity_unit: z.enum(['kWh', 's', 'session']),
  unit_price: decimalString,
  vat_rate: nonNegativeDecimalString.optional(),
  /** Rounded to the currency's minor unit, once. */
  excl_vat: decimalString,
  vat_amount: decimalString.optional(),
  incl_vat: decimalString.optional(),
});

export const billableSettlement = z.strictObject({
  currency: currencyCode,
  rounding_mode: roundingMode,
  minor_unit_digits: z.int().min(0).max(4),
  lines: z.array(billableLine),
  /** Sums of the rounded lines. */
  total: z.strictObject({
    excl_vat: decimalString,
    vat_amount: decimalString.optional(),
    incl_vat: decimalString.optional(),
  }),
});
