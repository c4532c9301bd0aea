// The session to rate, in the shape of an OCPI 2.2.1 CDR (mod_cdrs "CDR Object"): start and
// end, charging periods with dimensions, and optionally the station's IANA time zone. Only
// the fields rating needs are read; everything else a full CDR carries is ignored.
import { z } from 'zod';
import { decimalSchema } from './tariff.schema';

export const CDR_DIMENSIONS = [
  'CURRENT',
  'ENERGY',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'MAX_POWER',
  'MIN_POWER',
  'PARKING_TIME',
  'POWER',
  'RESERVATION_TIME',
  'STATE_OF_CHARGE',
  'TIME',
] as const;
export type CdrDimensionType = (typeof CDR_DIMENSIONS)[number];

const dateTime = z.iso.datetime({ offset: true, local: true });

export const cdrDimensionSchema = z.object({
  type: z.enum(CDR_DIMENSIONS),
  volume: decimalSchema.refine((value) => !value.isNegative(), 'must be >= 0'),
});

export const chargingPeriodSchema = z.object({
  start_date_time: dateTime,
  dimensions: z.array(cdrDimensionSchema).min(1),
  tariff_id: z.string().max(36).optional(),
});

export const cdrSessionSchema = z
  .object({
    start_date_time: dateTime,
    end_date_time: dateTime,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code')
      .optional(),
    time_zone: z.string().min(1).optional(),
    charging_periods: z.array(chargingPeriodSchema).min(1),
  })
  .superRefine((cdr, ctx) => {
    const end = instantMs(cdr.end_date_time);
    let previous = instantMs(cdr.start_date_time);
    if (end < previous) {
      ctx.addIssue({ code: 'custom', path: ['end_date_time'], message: 'before start_date_time' });
    }
    cdr.charging_periods.forEach((period, index) => {
      const start = instantMs(period.start_date_time);
      if (start < previous || start > end) {
        ctx.addIssue({
          code: 'custom',
          path: ['charging_periods', index, 'start_date_time'],
          message: 'periods must be in order, within start_date_time..end_date_time',
        });
      }
      previous = Math.max(previous, start);
    });
  });

export type CdrSession = z.output<typeof cdrSessionSchema>;
export type ChargingPeriod = z.output<typeof chargingPeriodSchema>;

/** OCPI DateTime without an offset is UTC. */
export function instantMs(dateTimeText: string): number {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(dateTimeText);
  return Date.parse(hasOffset ? dateTimeText : `${dateTimeText}Z`);
}
