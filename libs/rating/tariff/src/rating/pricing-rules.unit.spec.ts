// Cases for the pricing rules after element selection: step_size across elements (mod_cdrs
// worked examples), the shared TIME/PARKING_TIME rounding, min/max price binding only one
// of excl./incl. VAT, VAT presence, and edge validation naming the bad field.
import { parseCdrSession, parseTariff, RatingInputError } from '../index';
import { aCdr } from '../support/cdr.builder';
import { expectDecimal } from '../support/decimal.expect';
import { price } from '../support/rating.harness';

const AT_1654 = '2024-01-15T15:54:00Z'; // 16:54 in Amsterdam

function component(type: string, unitPrice: number, stepSize: number, vat?: number) {
  return { type, price: unitPrice, step_size: stepSize, ...(vat === undefined ? {} : { vat }) };
}

function beforeAndAfter17(type: string, before: number, after: number, stepSize: number) {
  return {
    id: 's',
    currency: 'EUR',
    elements: [
      {
        price_components: [component(type, before, stepSize)],
        restrictions: { end_time: '17:00' },
      },
      { price_components: [component(type, after, stepSize)] },
    ],
  };
}

describe('step_size across elements (mod_cdrs)', () => {
  it('rounds the energy total once: 4.3 + 1.1 kWh at step 500 Wh bill 5.5 kWh', () => {
    const cdr = aCdr(AT_1654, [
      { minutes: 6, kwh: 4.3 },
      { minutes: 20, kwh: 1.1 },
    ]);
    const { rated } = price(beforeAndAfter17('ENERGY', 0.2, 0.27, 500), cdr);
    expectDecimal(rated.totals.total_cost.excl_vat, '1.184'); // 4.3 x 0.20 + 1.2 x 0.27
  });

  it('rounds the charging time total once: 6 + 22 min at step 10 min bill 30 min', () => {
    const cdr = aCdr(AT_1654, [
      { minutes: 6, kwh: 1 },
      { minutes: 22, kwh: 3 },
    ]);
    const { rated } = price(beforeAndAfter17('TIME', 5, 7, 600), cdr);
    expectDecimal(rated.totals.total_cost.excl_vat, '3.30'); // 6/60 x 5 + 24/60 x 7
  });

  it('rounds only the parking when priced parking follows charging: 21 + 16 min bill 21 + 20', () => {
    const tariff = {
      id: 'tp',
      currency: 'EUR',
      elements: [
        { price_components: [component('TIME', 1, 600), component('PARKING_TIME', 2, 600)] },
      ],
    };
    const cdr = aCdr(AT_1654, [
      { minutes: 21, kwh: 5 },
      { minutes: 16, parking: true },
    ]);
    const { rated, settled } = price(tariff, cdr);
    const stepLine = rated.lines.find((line) => line.step_rounding !== undefined);
    expect(stepLine?.kind).toBe('PARKING_TIME');
    expect(stepLine?.step_rounding).toEqual({ step_size: 600, total: '960', billed: '1200' });
    expect(rated.lines.map((line) => line.excl_vat_x3600)).toEqual(['1260', '1920', '480']);
    expect(settled.total.excl_vat).toBe('1.02'); // exact 1.0166..., one rounding
  });
});

describe('min_price / max_price', () => {
  const tariff = (bounds: object) => ({
    id: 'b',
    currency: 'EUR',
    ...bounds,
    elements: [{ price_components: [component('FLAT', 1, 0, 0), component('ENERGY', 0.5, 0, 25)] }],
  });
  const kwh = (energy: number) => aCdr(AT_1654, [{ minutes: 60, kwh: energy }]);

  it('min_price can bind excl. VAT while incl. VAT is already above its bound', () => {
    const { rated } = price(tariff({ min_price: { excl_vat: 3, incl_vat: 3 } }), kwh(3.5));
    expect(rated.totals.total_cost).toEqual({ excl_vat: '3', incl_vat: '3.1875' });
    expect(rated.lines.at(-1)).toMatchObject({
      kind: 'MIN_PRICE',
      excl_vat: '0.25',
      incl_vat: '0',
    });
  });

  it('max_price can bind incl. VAT while excl. VAT stays below its bound', () => {
    const { rated } = price(tariff({ max_price: { excl_vat: 10, incl_vat: 11 } }), kwh(17));
    expect(rated.totals.total_cost).toEqual({ excl_vat: '9.5', incl_vat: '11' });
    expect(rated.lines.at(-1)).toMatchObject({
      kind: 'MAX_PRICE',
      excl_vat: '0',
      incl_vat: '-0.625',
    });
  });

  it('keeps category totals before the bound and total_cost after it', () => {
    const { rated } = price(tariff({ max_price: { excl_vat: 2 } }), kwh(10));
    expect(rated.totals.total_energy_cost.excl_vat).toBe('5');
    expect(rated.totals.total_cost.excl_vat).toBe('2');
  });
});

describe('VAT', () => {
  it('omits incl_vat where a used component has no VAT, per total', () => {
    const tariff = {
      id: 'v',
      currency: 'EUR',
      elements: [{ price_components: [component('FLAT', 1, 0), component('ENERGY', 0.5, 0, 20)] }],
    };
    const { rated } = price(tariff, aCdr(AT_1654, [{ minutes: 60, kwh: 10 }]));
    expect(rated.totals.total_cost.incl_vat).toBeUndefined();
    expect(rated.totals.total_fixed_cost.incl_vat).toBeUndefined();
    expect(rated.totals.total_energy_cost).toEqual({ excl_vat: '5', incl_vat: '6' });
  });
});

describe('edge validation', () => {
  it('names the bad tariff field by its path', () => {
    const bad = {
      id: 't',
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'ENERGY', price: 1, step_size: -1 }] }],
    };
    expect(() => parseTariff(bad)).toThrow(
      /tariff\.elements\[0\]\.price_components\[0\]\.step_size/,
    );
    expect(() => parseTariff({ ...bad, currency: 'euro' })).toThrow(RatingInputError);
  });

  it('names the bad CDR field by its path', () => {
    const cdr = aCdr(AT_1654, [
      { minutes: 10, kwh: 1 },
      { minutes: 10, kwh: 1 },
    ]);
    const swapped = { ...cdr, charging_periods: [...cdr.charging_periods].reverse() };
    expect(() => parseCdrSession(swapped)).toThrow(/cdr\.charging_periods\[1\]\.start_date_time/);
    const period = cdr.charging_periods[0];
    const negative = {
      ...cdr,
      charging_periods: [{ ...period, dimensions: [{ type: 'ENERGY', volume: '-1' }] }],
    };
    expect(() => parseCdrSession(negative)).toThrow(
      /cdr\.charging_periods\[0\]\.dimensions\[0\]\.volume/,
    );
  });

  it('refuses an unknown time zone and a period of another tariff', () => {
    const tariff = {
      id: 't',
      currency: 'EUR',
      elements: [{ price_components: [component('ENERGY', 1, 0)] }],
    };
    const cdr = aCdr(AT_1654, [{ minutes: 10, kwh: 1 }]);
    expect(() => price(tariff, cdr, 'Mars/Olympus')).toThrow(/context\.timeZone/);
    const other = {
      ...cdr,
      charging_periods: cdr.charging_periods.map((p) => ({ ...p, tariff_id: 'x' })),
    };
    expect(() => price(tariff, other)).toThrow(/cdr\.charging_periods\[0\]\.tariff_id/);
  });
});
