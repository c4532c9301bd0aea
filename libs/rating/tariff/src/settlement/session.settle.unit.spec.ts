// settle() is the one rounding point: per billable line, to the currency's minor unit, with
// a named mode; VAT per line; the billable total is the sum of the rounded lines.
import { addMoney, money } from '../model/money.model';
import { Exact } from '../model/exact-decimal.util';
import { settle } from '../index';
import { aCdr } from '../support/cdr.builder';
import { price } from '../support/rating.harness';

const START = '2024-01-15T10:00:00Z';

function energyTariff(currency: string, unitPrice: number | string, vat?: number) {
  return {
    id: 'e',
    currency,
    elements: [
      {
        price_components: [
          { type: 'ENERGY', price: unitPrice, step_size: 0, ...(vat === undefined ? {} : { vat }) },
        ],
      },
    ],
  };
}

describe('settle', () => {
  // 0.5 kWh x 0.25 = 0.125 exactly: a tie at the cent.
  const tie = price(energyTariff('EUR', 0.25), aCdr(START, [{ minutes: 10, kwh: 0.5 }])).rated;

  it.each([
    ['HALF_UP', '0.13'],
    ['HALF_EVEN', '0.12'],
    ['HALF_DOWN', '0.12'],
    ['UP', '0.13'],
    ['DOWN', '0.12'],
    ['CEILING', '0.13'],
    ['FLOOR', '0.12'],
  ] as const)('rounds a tie with %s to %s', (roundingMode, expected) => {
    expect(settle(tie, { roundingMode }).total.excl_vat).toBe(expected);
  });

  it('defaults to half-up and the ISO 4217 minor unit', () => {
    expect(settle(tie).rounding_mode).toBe('HALF_UP');
    const yen = price(energyTariff('JPY', 35.5), aCdr(START, [{ minutes: 10, kwh: 1 }])).rated;
    expect(settle(yen).total.excl_vat).toBe('36');
  });

  it('bills all periods of one component as one line, rounded once', () => {
    // three periods of 1/3 kWh-ish at 0.10: per-period rounding would give 0.03 x 3 = 0.09
    const cdr = aCdr(START, [
      { minutes: 10, kwh: '0.35' },
      { minutes: 10, kwh: '0.35' },
      { minutes: 10, kwh: '0.35' },
    ]);
    const settled = settle(price(energyTariff('EUR', 0.1), cdr).rated);
    expect(settled.lines).toHaveLength(1);
    expect(settled.lines[0]).toMatchObject({ quantity: '1.05', excl_vat: '0.11' });
  });

  it('computes VAT per line on the rounded net and sums rounded lines', () => {
    const cdr = aCdr(START, [{ minutes: 10, kwh: '1.1' }]);
    const settled = settle(price(energyTariff('EUR', '0.333', 21), cdr).rated);
    // 0.3663 -> 0.37 net; VAT 21% of 0.37 = 0.0777 -> 0.08
    expect(settled.total).toEqual({ excl_vat: '0.37', vat_amount: '0.08', incl_vat: '0.45' });
  });

  it('refuses to combine amounts of two currencies', () => {
    expect(() => addMoney(money('EUR', new Exact(1)), money('USD', new Exact(1)))).toThrow(
      /currency mismatch/,
    );
  });
});
