// Options beyond OCPI: overstay fee after a grace period from the end of charging, loyalty
// (free kWh, percent off), member prices by driver group, and the cost ceiling for holds.
import { costCeiling, parseTariff, selectTariff } from '../index';
import { aCdr } from '../support/cdr.builder';
import { price } from '../support/rating.harness';

const START = '2024-01-15T10:00:00Z';
const tariff = {
  id: 'o',
  currency: 'EUR',
  elements: [
    {
      price_components: [
        { type: 'FLAT', price: 1, vat: 20, step_size: 0 },
        { type: 'ENERGY', price: 0.4, vat: 20, step_size: 1 },
      ],
    },
  ],
};
// 60 min charging 20 kWh, then 50 min plugged in without charging
const cdr = aCdr(START, [
  { minutes: 60, kwh: 20 },
  { minutes: 50, parking: true },
]);

describe('rating options', () => {
  it('charges overstay after the grace period from the end of charging, in whole steps', () => {
    const overstay = { graceS: 1800, pricePerHour: '6', vat: '20', stepS: 900 };
    const { rated } = price(tariff, cdr, 'Europe/Amsterdam', { overstay });
    const line = rated.lines.find((l) => l.kind === 'OVERSTAY');
    expect(line).toMatchObject({ quantity: '1800', excl_vat: '3', incl_vat: '3.6' }); // 20 min -> 30
    expect(rated.totals.total_cost).toEqual({ excl_vat: '12', incl_vat: '14.4' });
  });

  it('gives free kWh at the price they were charged at, then percent off, never off overstay', () => {
    const { rated } = price(tariff, cdr, 'Europe/Amsterdam', {
      loyalty: { freeKwh: '5', percentOff: '10' },
      overstay: { graceS: 0, pricePerHour: '6', stepS: 0 },
    });
    const discounts = rated.lines.filter((l) => l.kind === 'DISCOUNT');
    expect(discounts.map((l) => l.excl_vat)).toEqual(['-2', '-0.7']); // 5 x 0.40; 10% of 7
    expect(rated.totals.total_cost.excl_vat).toBe('11.3'); // 9 - 2 - 0.7 + 5 overstay
    expect(rated.totals.total_cost.incl_vat).toBeUndefined(); // overstay without VAT
  });

  it('selects the member tariff for a driver in its group, the public one otherwise', () => {
    const regular = parseTariff({ ...tariff, id: 'public', type: 'REGULAR' });
    const member = parseTariff({ ...tariff, id: 'member', type: 'REGULAR' });
    const adHoc = parseTariff({ ...tariff, id: 'adhoc', type: 'AD_HOC_PAYMENT' });
    const candidates = [
      { tariff: member, driverGroup: 'fleet-a' },
      { tariff: adHoc },
      { tariff: regular },
    ];
    const choose = (driverGroups: string[], tariffType: 'REGULAR' | 'AD_HOC_PAYMENT') =>
      selectTariff(candidates, { sessionStart: START, tariffType, driverGroups })?.id;
    expect(choose(['fleet-a'], 'REGULAR')).toBe('member');
    expect(choose([], 'REGULAR')).toBe('public');
    expect(choose([], 'AD_HOC_PAYMENT')).toBe('adhoc');
  });

  it('bounds the cost of a session for a payment hold, and never below what rating gives', () => {
    const timedJson = {
      ...tariff,
      max_price: { excl_vat: 50, incl_vat: 60 },
      elements: [
        ...tariff.elements,
        { price_components: [{ type: 'PARKING_TIME', price: 3, vat: 20, step_size: 900 }] },
      ],
    };
    const timed = parseTariff(timedJson);
    const ceiling = costCeiling(timed, { maxDurationS: 7200, maxEnergyKwh: '40' });
    // 1 + 0.4 x 40.001 + 3 x (7200 + 900) / 3600 = 23.7504; incl x 1.2
    expect(ceiling).toEqual({ excl_vat: '23.7504', incl_vat: '28.50048' });
    const { rated } = price(timedJson, cdr);
    expect(Number(rated.totals.total_cost.excl_vat)).toBeLessThanOrEqual(23.7504);
    expect(costCeiling(timed, { maxDurationS: 36_000, maxEnergyKwh: '150' })).toEqual({
      excl_vat: '50',
      incl_vat: '60',
    });
  });
});
