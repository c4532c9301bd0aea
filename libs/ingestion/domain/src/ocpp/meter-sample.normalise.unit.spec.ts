import Decimal from 'decimal.js';
import fc from 'fast-check';
import { normaliseMeterValues, shiftPlainDecimal } from './meter-sample.normalise';
import { meterValueSchema } from './transaction-event.schema';

const at = '2026-03-01T10:00:00+01:00';
const read = (sampledValue: unknown[]) =>
  normaliseMeterValues([meterValueSchema.parse({ timestamp: at, sampledValue })], 3);

describe('meter value normalisation', () => {
  it('converts kWh with a multiplier to exact Wh, and the time to UTC', () => {
    expect(read([{ value: 12.3456789, unitOfMeasure: { unit: 'kWh', multiplier: 1 } }])).toEqual({
      ok: true,
      samples: [
        { sampledAt: '2026-03-01T09:00:00.000Z', seqNo: 3, energyRegisterWh: '123456.789' },
      ],
    });
  });

  it('applies a negative multiplier exactly (0.1 + 0.2 style floats never appear)', () => {
    const result = read([{ value: 3, unitOfMeasure: { unit: 'Wh', multiplier: -1 } }]);
    expect(result).toMatchObject({ samples: [{ energyRegisterWh: '0.3' }] });
  });

  it('prefers the phase total and never adds per-phase values on top of it', () => {
    const phase = (p: string, value: number) => ({ value, phase: p });
    const withTotal = read([phase('L1', 1), { value: 10 }, phase('L2', 2), phase('L3', 3)]);
    expect(withTotal).toMatchObject({ samples: [{ energyRegisterWh: '10' }] });
    const onlyPhases = read([phase('L1', 1.1), phase('L2', 2.2), phase('L3', 3.3)]);
    expect(onlyPhases).toMatchObject({ samples: [{ energyRegisterWh: '6.6' }] });
  });

  it('reads active power in W and skips other measurands', () => {
    const result = read([
      { value: 7.4, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } },
      { value: 230, measurand: 'Voltage', unitOfMeasure: { unit: 'V' } },
    ]);
    expect(result).toMatchObject({ samples: [{ powerW: '7400' }] });
  });

  it('shifts plain decimals by powers of ten exactly as decimal.js does', () => {
    const seed =
      process.env['FC_SEED'] === undefined
        ? Date.now() % 2_147_483_647
        : Number(process.env['FC_SEED']);
    const value = fc.oneof(
      fc.nat(),
      fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000),
    );
    try {
      fc.assert(
        fc.property(value, fc.integer({ min: -12, max: 12 }), (number, shift) => {
          const text = String(number);
          const exact = new Decimal(text).times(new Decimal(10).pow(shift)).toFixed();
          const shifted = shiftPlainDecimal(text, shift);
          return shifted === undefined ? /e/i.test(text) : shifted === exact;
        }),
        { seed, numRuns: 5_000 },
      );
    } catch (error) {
      console.error(`decimal shift property failed; reproduce with FC_SEED=${seed}`);
      throw error;
    }
  });
});
