// The OCPI 2.2.1 Tariff object as this library accepts it (mod_tariffs "Tariff Object").
// Validation happens here, at the edge, so an invalid tariff fails with the path of the bad
// field instead of a wrong price later. Numbers may come as JSON numbers or decimal strings;
// both become exact decimals, so a price of 0.1 stays 0.1.
import { z } from 'zod';
import { exact } from './exact-decimal.util';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A JSON number or decimal string, parsed to an exact decimal. */
export const decimalSchema = z
  .union([z.number(), z.string().regex(DECIMAL, 'expected a number or a decimal string')], {
    error: 'expected a number or a decimal string',
  })
  .transform((value) => exact(value));

const nonNegativeDecimal = decimalSchema.refine((value) => !value.isNegative(), 'must be >= 0');

export const DAYS_OF_WEEK = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export const TARIFF_DIMENSIONS = ['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME'] as const;
export type TariffDimension = (typeof TARIFF_DIMENSIONS)[number];

export const TARIFF_TYPES = [
  'AD_HOC_PAYMENT',
  'PROFILE_CHEAP',
  'PROFILE_FAST',
  'PROFILE_GREEN',
  'REGULAR',
] as const;
export type TariffType = (typeof TARIFF_TYPES)[number];

export const RESERVATION_RESTRICTIONS = ['RESERVATION', 'RESERVATION_EXPIRES'] as const;
export type ReservationRestriction = (typeof RESERVATION_RESTRICTIONS)[number];

const timeOfDay = z.string().regex(/^([0-1][0-9]|2[0-3]):[0-5][0-9]$/, 'expected HH:MM');
const localDate = z
  .string()
  .regex(/^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'expected YYYY-MM-DD');
const seconds = z.number().int().nonnegative();

export const priceComponentSchema = z.object({
  type: z.enum(TARIFF_DIMENSIONS),
  price: nonNegativeDecimal,
  vat: nonNegativeDecimal.optional(),
  step_size: z.number().int().nonnegative(),
});

export const tariffRestrictionsSchema = z.object({
  start_time: timeOfDay.optional(),
  end_time: timeOfDay.optional(),
  start_date: localDate.optional(),
  end_date: localDate.optional(),
  min_kwh: nonNegativeDecimal.optional(),
  max_kwh: nonNegativeDecimal.optional(),
  min_current: nonNegativeDecimal.optional(),
  max_current: nonNegativeDecimal.optional(),
  min_power: nonNegativeDecimal.optional(),
  max_power: nonNegativeDecimal.optional(),
  min_duration: seconds.optional(),
  max_duration: seconds.optional(),
  day_of_week: z.array(z.enum(DAYS_OF_WEEK)).optional(),
  reservation: z.enum(RESERVATION_RESTRICTIONS).optional(),
});

export const tariffElementSchema = z.object({
  price_components: z.array(priceComponentSchema).min(1),
  restrictions: tariffRestrictionsSchema.optional(),
});

export const priceSchema = z.object({
  excl_vat: nonNegativeDecimal,
  incl_vat: nonNegativeDecimal.optional(),
});

export const tariffSchema = z.object({
  country_code: z.string().length(2).optional(),
  party_id: z.string().length(3).optional(),
  id: z.string().min(1).max(36),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code'),
  type: z.enum(TARIFF_TYPES).optional(),
  min_price: priceSchema.optional(),
  max_price: priceSchema.optional(),
  elements: z.array(tariffElementSchema).min(1),
  start_date_time: z.iso.datetime({ offset: true, local: true }).optional(),
  end_date_time: z.iso.datetime({ offset: true, local: true }).optional(),
  last_updated: z.iso.datetime({ offset: true, local: true }).optional(),
});

export type PriceComponent = z.output<typeof priceComponentSchema>;
export type TariffRestrictions = z.output<typeof tariffRestrictionsSchema>;
export type TariffElement = z.output<typeof tariffElementSchema>;
export type Price = z.output<typeof priceSchema>;
export type Tariff = z.output<typeof tariffSchema>;
