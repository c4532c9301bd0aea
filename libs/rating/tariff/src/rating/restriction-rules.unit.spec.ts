// One case per restriction rule of OCPI 2.2.1 mod_tariffs: local time with DST, midnight
// wrap, 00:00 as end of day, day_of_week on the local date, inclusive minimums and
// exclusive maximums, energy before the period, session time, and first match per
// dimension, each dimension on its own.
import { aCdr, type PeriodSpec } from '../support/cdr.builder';
import { price } from '../support/rating.harness';

const AMSTERDAM = 'Europe/Amsterdam';

function tariffWith(restrictions: object) {
  return {
    id: 'r',
    currency: 'EUR',
    elements: [
      { price_components: [{ type: 'ENERGY', price: 1, step_size: 0 }], restrictions },
      { price_components: [{ type: 'ENERGY', price: 2, step_size: 0 }] },
    ],
  };
}

/** The element index that priced the energy of each period. */
function energyElements(tariff: unknown, startIso: string, periods: PeriodSpec[]) {
  const { rated } = price(tariff, aCdr(startIso, periods), AMSTERDAM);
  return rated.lines.filter((line) => line.kind === 'ENERGY').map((line) => line.element_index);
}

const oneKwh = (minutes: number): PeriodSpec => ({ minutes, kwh: 1 });

describe('time of day in local time', () => {
  it('is read in the station zone across the spring DST change', () => {
    // 2024-03-31 in Amsterdam: 01:59 CET is followed by 03:00 CEST.
    const offPeak = tariffWith({ start_time: '23:00', end_time: '03:00' });
    const elements = energyElements(offPeak, '2024-03-31T00:30:00Z', [oneKwh(30), oneKwh(30)]);
    expect(elements).toEqual([0, 1]); // 01:30 local is off-peak, 03:00 local is not
  });

  it('matches both 02:30 of the autumn DST change', () => {
    const night = tariffWith({ start_time: '02:00', end_time: '03:00' });
    const elements = energyElements(night, '2024-10-27T00:30:00Z', [oneKwh(60), oneKwh(60)]);
    expect(elements).toEqual([0, 0]); // 02:30 CEST, then 02:30 CET
  });

  it('wraps past midnight when end_time is before start_time (start inclusive, end exclusive)', () => {
    const night = tariffWith({ start_time: '22:00', end_time: '06:00' });
    // 21:59, 22:00, 05:59, 06:00 local (CET = UTC+1 in January)
    const elements = energyElements(night, '2024-01-15T20:59:00Z', [
      oneKwh(1),
      oneKwh(479),
      oneKwh(1),
      oneKwh(1),
    ]);
    expect(elements).toEqual([1, 0, 0, 1]);
  });

  it('reads end_time 00:00 as the end of the day', () => {
    const evening = tariffWith({ start_time: '18:00', end_time: '00:00' });
    // 17:59, 18:00, 23:59, 00:00 local
    const elements = energyElements(evening, '2024-01-15T16:59:00Z', [
      oneKwh(1),
      oneKwh(359),
      oneKwh(1),
      oneKwh(1),
    ]);
    expect(elements).toEqual([1, 0, 0, 1]);
  });

  it('takes day_of_week and dates from the local date, start_date inclusive, end_date exclusive', () => {
    // Sunday 2024-01-14 23:30 UTC is Monday 00:30 in Amsterdam.
    expect(
      energyElements(tariffWith({ day_of_week: ['MONDAY'] }), '2024-01-14T23:30:00Z', [oneKwh(5)]),
    ).toEqual([0]);
    const dated = tariffWith({ start_date: '2024-01-15', end_date: '2024-01-16' });
    // Local 2024-01-14 23:59, 2024-01-15 00:00, 2024-01-16 00:00
    expect(
      energyElements(dated, '2024-01-14T22:59:00Z', [oneKwh(1), oneKwh(1440), oneKwh(1)]),
    ).toEqual([1, 0, 1]);
  });
});

describe('session quantities', () => {
  it('min_kwh / max_kwh test the energy charged before the period', () => {
    const band = tariffWith({ min_kwh: 2, max_kwh: 3 });
    // energy before each period: 0, 1, 2, 3
    const elements = energyElements(band, '2024-01-15T10:00:00Z', [
      oneKwh(10),
      oneKwh(10),
      oneKwh(10),
      oneKwh(10),
    ]);
    expect(elements).toEqual([1, 1, 0, 1]);
  });

  it('min_duration / max_duration test wall-clock time since the session started', () => {
    const band = tariffWith({ min_duration: 1800, max_duration: 3600 });
    // elapsed at each period start: 0, 29, 30 and 60 minutes
    const elements = energyElements(band, '2024-01-15T10:00:00Z', [
      oneKwh(29),
      oneKwh(1),
      oneKwh(30),
      oneKwh(5),
    ]);
    expect(elements).toEqual([1, 1, 0, 1]);
  });

  it('current and power bounds test the period values, minimum inclusive, maximum exclusive', () => {
    const current = tariffWith({ min_current: 16, max_current: 32 });
    const elements = energyElements(current, '2024-01-15T10:00:00Z', [
      { minutes: 5, kwh: 1, minCurrent: 15.9, maxCurrent: 20 },
      { minutes: 5, kwh: 1, minCurrent: 16, maxCurrent: 31.9 },
      { minutes: 5, kwh: 1, minCurrent: 16, maxCurrent: 32 },
      { minutes: 5, kwh: 1 },
    ]);
    expect(elements).toEqual([1, 0, 1, 1]); // a period without current values fails the bound
    const power = tariffWith({ min_power: 11 });
    expect(
      energyElements(power, '2024-01-15T10:00:00Z', [{ minutes: 5, kwh: 1, maxPower: 11 }]),
    ).toEqual([0]);
  });
});

describe('first match per dimension', () => {
  it('picks the first matching element for each dimension independently', () => {
    const tariff = {
      id: 'fm',
      currency: 'EUR',
      elements: [
        {
          price_components: [{ type: 'ENERGY', price: 0.3, step_size: 0 }],
          restrictions: { start_time: '18:00', end_time: '22:00' },
        },
        {
          price_components: [{ type: 'TIME', price: 2, step_size: 0 }],
          restrictions: { max_power: 11 },
        },
        {
          price_components: [
            { type: 'ENERGY', price: 0.2, step_size: 0 },
            { type: 'TIME', price: 1, step_size: 0 },
          ],
        },
      ],
    };
    const cdr = aCdr('2024-01-15T18:00:00Z', [
      { minutes: 60, kwh: 20, maxPower: 22 }, // 19:00 local, fast
      { minutes: 60, kwh: 5, maxPower: 7 }, // 20:00 local, slow
    ]);
    const { rated } = price(tariff, cdr, AMSTERDAM);
    expect(rated.lines.map((line) => [line.kind, line.period_index, line.element_index])).toEqual([
      ['ENERGY', 0, 0],
      ['TIME', 0, 2],
      ['ENERGY', 1, 0],
      ['TIME', 1, 1],
    ]);
  });

  it('leaves a dimension free when no element matches', () => {
    const { rated } = price(
      tariffWith({ start_time: '01:00', end_time: '02:00' }),
      aCdr('2024-01-15T10:00:00Z', [{ minutes: 30 }]),
      AMSTERDAM,
    );
    expect(rated.lines).toEqual([]);
    expect(rated.totals.total_cost).toEqual({ excl_vat: '0', incl_vat: '0' });
  });
});
