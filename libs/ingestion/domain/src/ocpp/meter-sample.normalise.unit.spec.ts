import { normaliseMeterValues } from './meter-sample.normalise';
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
});
