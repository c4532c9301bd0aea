// Loyalty credit on a bill: valued with the point value in effect at the redemption, less
// what earlier bills took; one DISCOUNT line settled like any other, never below zero,
// nothing on a bill that mixes VAT rates.
import Decimal from 'decimal.js';
import type { EventData, SessionRatedV1 } from '@chargeledger/contracts';
import type { MemberFacts } from '../member/member-facts';
import { loyaltyCreditFor, loyaltyCreditLeft, withLoyaltyCredit } from './loyalty-credit.apply';

type Rated = EventData<typeof SessionRatedV1>;
const DRIVER = '0190c3d2-7b1a-7c4e-9f00-00000000d001';
const line = (excl: string, vat: string | undefined) => ({
  kind: 'ENERGY' as const,
  category: 'ENERGY' as const,
  quantity: '10',
  quantity_unit: 'kWh' as const,
  unit_price: '0.4',
  excl_vat: excl,
  ...(vat === undefined
    ? {}
    : {
        vat_rate: vat,
        vat_amount: new Decimal(excl).times(vat).div(100).toFixed(2),
        incl_vat: new Decimal(excl).times(new Decimal(vat).div(100).plus(1)).toFixed(2),
      }),
});
const bill = (lines: ReturnType<typeof line>[]): Rated => {
  const sum = (pick: (l: ReturnType<typeof line>) => string | undefined) =>
    lines.every((l) => pick(l) !== undefined)
      ? lines.reduce((t, l) => t.plus(pick(l) ?? '0'), new Decimal(0)).toFixed(2)
      : undefined;
  const [vatAmount, inclVat] = [sum((l) => l.vat_amount), sum((l) => l.incl_vat)];
  return {
    sessionId: '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10',
    cdrId: '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10',
    stationId: 'CP-1',
    startedAt: '2026-05-04T10:00:00.000Z',
    endedAt: '2026-05-04T11:00:00.000Z',
    tariff: { tariffId: 'PUBLIC', version: 1 },
    currency: 'EUR',
    chargingPeriods: [],
    totals: {
      total_cost: { excl_vat: '4' },
      total_fixed_cost: { excl_vat: '0' },
      total_energy_cost: { excl_vat: '4' },
      total_time_cost: { excl_vat: '0' },
      total_parking_cost: { excl_vat: '0' },
      total_reservation_cost: { excl_vat: '0' },
      total_energy: '10',
      total_time: '1',
      total_parking_time: '0',
    },
    billable: {
      currency: 'EUR',
      rounding_mode: 'HALF_UP',
      minor_unit_digits: 2,
      lines,
      total: {
        excl_vat: sum((l) => l.excl_vat) ?? '0',
        ...(vatAmount === undefined ? {} : { vat_amount: vatAmount }),
        ...(inclVat === undefined ? {} : { incl_vat: inclVat }),
      },
    },
  };
};
const member: MemberFacts = {
  driverId: DRIVER,
  groupChanges: [],
  groupTariffs: [],
  tierChanges: [],
  programmes: [
    { tiers: [], effectiveFrom: '2026-01-01T00:00:00.000Z', sequence: 1 },
    {
      tiers: [],
      pointValue: { amount: '0.01', currency: 'EUR' },
      effectiveFrom: '2026-02-01T00:00:00.000Z',
      sequence: 2,
    },
  ],
  creditGrants: [
    { points: 999, effectiveFrom: '2026-01-15T00:00:00.000Z', sequence: 3 }, // worth nothing then
    { points: 250, effectiveFrom: '2026-02-02T00:00:00.000Z', sequence: 4 },
  ],
};

describe('loyalty credit', () => {
  it('values redemptions with the point value then, less the credit already used', () => {
    expect(loyaltyCreditLeft(member, [], 'EUR').toFixed()).toBe('2.5');
    const used = [{ amount: '1.75', currency: 'EUR' }];
    expect(loyaltyCreditLeft(member, used, 'EUR').toFixed()).toBe('0.75');
    expect(loyaltyCreditLeft(member, [], 'DKK').toFixed()).toBe('0');
  });

  it('takes it off the bill as one DISCOUNT line with the VAT rule of every line', () => {
    const rated = bill([line('4.00', '21')]);
    expect(loyaltyCreditFor(rated, new Decimal('2.5'))).toBe('2.50');
    const credited = withLoyaltyCredit(rated, '2.50').billable;
    expect(credited.lines.at(-1)).toMatchObject({
      kind: 'DISCOUNT',
      category: 'ADJUSTMENT',
      vat_rate: '21',
      excl_vat: '-2.50',
      vat_amount: '-0.53', // -0.525 half-up (away from zero)
      incl_vat: '-3.03',
    });
    expect(credited.total).toEqual({ excl_vat: '1.50', vat_amount: '0.31', incl_vat: '1.81' });
  });

  it('never makes a bill negative, excl. or incl. VAT, and uses whole minor units', () => {
    const rated = bill([line('0.05', '21'), line('0.05', '21')]); // VAT 0.01 + 0.01
    const amount = loyaltyCreditFor(rated, new Decimal('100.009'));
    expect(amount).toBe('0.10');
    const total = withLoyaltyCredit(rated, amount ?? '0').billable.total;
    expect(total).toEqual({ excl_vat: '0.00', vat_amount: '0.00', incl_vat: '0.00' });
    const odd = bill([line('0.03', '50'), line('0.03', '50')]); // VAT 0.02 + 0.02; on 0.06 0.03
    expect(loyaltyCreditFor(odd, new Decimal('1'))).toBe('0.06');
    const exact = bill([line('0.01', '50'), line('0.01', '50')]); // VAT 0.01 + 0.01; on 0.02 0.01
    expect(loyaltyCreditFor(exact, new Decimal('1'))).toBe('0.02');
    // VAT 0.00 + 0.00, but 0.008 on a credit of 0.08 rounds to 0.01: one cent less credit.
    const roundedDown = bill([line('0.04', '10'), line('0.04', '10')]);
    expect(loyaltyCreditFor(roundedDown, new Decimal('1'))).toBe('0.07');
    expect(loyaltyCreditFor(rated, new Decimal('0.004'))).toBeUndefined();
  });

  it('takes no credit from a bill that mixes VAT rates; one without VAT has none on it', () => {
    expect(loyaltyCreditFor(bill([line('4.00', '21'), line('1.00', '9')]), new Decimal(1))).toBe(
      undefined,
    );
    const noVat = withLoyaltyCredit(bill([line('4.00', undefined)]), '1.00').billable;
    expect(noVat.lines.at(-1)).toMatchObject({ excl_vat: '-1.00' });
    expect(noVat.total).toEqual({ excl_vat: '3.00' });
  });
});
