// Test support for the split-periods property: random tariffs and sessions given minute by
// minute (energy, power, charging or idle) around both Amsterdam DST changes, the same
// session as meter facts (a reading every minute, a state change per segment), and the
// sum of rated x3600 amounts as a fraction for comparison with the reference model.
import fc from 'fast-check';
import type { MeterFacts, MeterReading } from '../index';
import { fromDecimal, type Fraction, type RefTariff } from './reference-rating.model';

const STARTS = [
  Date.parse('2024-03-30T22:00:00Z'),
  Date.parse('2024-10-26T22:00:00Z'),
  Date.parse('2024-07-12T20:00:00Z'),
];
const cents = fc.integer({ min: 0, max: 500 }).map((c) => (c / 100).toFixed(2));
const hh = fc.integer({ min: 0, max: 47 }).map((h) => {
  const minutes = h * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
type RefComponentType = 'FLAT' | 'ENERGY' | 'TIME' | 'PARKING_TIME';
const component = (type: RefComponentType) =>
  fc
    .record({
      price: cents,
      vat: fc.option(fc.constantFrom(0, 21), { nil: undefined }),
      step_size: fc.constantFrom(0, 1, 60, 300),
    })
    .map(({ vat, ...rest }) => ({ type, ...rest, ...(vat === undefined ? {} : { vat }) }));
export const refTariff: fc.Arbitrary<RefTariff> = fc
  .array(
    fc.record(
      {
        price_components: fc
          .uniqueArray(
            fc.constantFrom<RefComponentType>('FLAT', 'ENERGY', 'TIME', 'PARKING_TIME'),
            {
              minLength: 1,
              maxLength: 3,
            },
          )
          .chain((types) => fc.tuple(...types.map(component))),
        restrictions: fc.record(
          {
            start_time: hh,
            end_time: hh,
            day_of_week: fc.subarray(['FRIDAY', 'SATURDAY', 'SUNDAY', 'MONDAY']),
            min_kwh: fc.integer({ min: 0, max: 20 }),
            max_kwh: fc.integer({ min: 1, max: 40 }),
            min_duration: fc.integer({ min: 0, max: 24 }).map((x) => x * 600),
            max_duration: fc.integer({ min: 1, max: 36 }).map((x) => x * 600),
            min_power: fc.integer({ min: 0, max: 50 }),
            max_power: fc.integer({ min: 1, max: 150 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['price_components'] },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((elements) => ({ elements }));

export interface Minute {
  minutes: 1;
  wh: number;
  parking: boolean;
  powerKw?: number;
}
const segment = fc.record(
  {
    minutes: fc.integer({ min: 1, max: 90 }),
    whPerMinute: fc.integer({ min: 0, max: 600 }),
    parking: fc.boolean(),
    powerKw: fc.integer({ min: 1, max: 150 }),
  },
  { requiredKeys: ['minutes', 'whPerMinute', 'parking'] },
);
export const minuteSession = fc
  .record({
    startMs: fc
      .constantFrom(...STARTS)
      .chain((base) => fc.integer({ min: 0, max: 8 * 60 }).map((m) => base + m * 60_000)),
    segments: fc.array(segment, { minLength: 1, maxLength: 6 }),
  })
  .map(({ startMs, segments }) => ({
    startMs,
    segments,
    minutes: segments.flatMap((seg) =>
      Array.from({ length: seg.minutes }, (): Minute => ({
        minutes: 1,
        wh: seg.parking ? 0 : seg.whPerMinute,
        parking: seg.parking,
        ...(seg.powerKw === undefined ? {} : { powerKw: seg.powerKw }),
      })),
    ),
  }));

/** A reading every minute (register from an arbitrary meter start), a state change per segment. */
export function asFacts(s: {
  startMs: number;
  minutes: Minute[];
  segments: { minutes: number; parking: boolean }[];
}): MeterFacts {
  const at = (minute: number) => new Date(s.startMs + minute * 60_000).toISOString();
  let register = 73_215;
  const meter: MeterReading[] = [{ at: at(0), energyWh: register }];
  s.minutes.forEach((minute, index) => {
    register += minute.wh;
    meter.push({
      at: at(index + 1),
      energyWh: register,
      ...(minute.powerKw === undefined ? {} : { powerKw: minute.powerKw }),
    });
  });
  let offset = 0;
  const stateChanges = s.segments.map((seg) => {
    const change = { at: at(offset), charging: !seg.parking };
    offset += seg.minutes;
    return change;
  });
  return { startedAt: at(0), endedAt: at(s.minutes.length), readings: meter, stateChanges };
}

export function tariffJson(t: RefTariff) {
  return { id: 'p', currency: 'EUR', ...t };
}

/** Sum of x3600 decimal strings, divided by 3600; undefined if any is missing. */
export function x3600Sum(values: readonly (string | undefined)[]): Fraction | undefined {
  let n = 0n;
  let d = 1n;
  for (const value of values) {
    if (value === undefined) return undefined;
    const f = fromDecimal(value);
    [n, d] = [n * f.d + f.n * d, d * f.d];
  }
  let [a, b] = [n < 0n ? -n : n, d * 3600n];
  const denominator = b;
  while (b !== 0n) [a, b] = [b, a % b];
  const g = a === 0n ? 1n : a;
  return { n: n / g, d: denominator / g };
}
