import { limitsSettingsFromEnv } from './limits.settings';

describe('limits settings', () => {
  it('defaults to a 4 h, 80 kWh hold and a stop wanted for 5 minutes', () => {
    expect(limitsSettingsFromEnv({})).toEqual({
      holdDefaults: { maxDurationS: 14_400, maxEnergyWh: 80_000 },
      stopCommandTtlMs: 300_000,
    });
    expect(
      limitsSettingsFromEnv({ HOLD_DEFAULT_MAX_ENERGY_WH: '50000', STOP_COMMAND_TTL_S: '60' }),
    ).toEqual({
      holdDefaults: { maxDurationS: 14_400, maxEnergyWh: 50_000 },
      stopCommandTtlMs: 60_000,
    });
  });

  it('stops the boot naming the variable and its range', () => {
    expect(() => limitsSettingsFromEnv({ STOP_COMMAND_TTL_S: '5' })).toThrow(
      'STOP_COMMAND_TTL_S must be a whole number from 10 to 3600, got 5',
    );
    expect(() => limitsSettingsFromEnv({ HOLD_DEFAULT_MAX_DURATION_S: '1.5' })).toThrow(
      /^HOLD_DEFAULT_MAX_DURATION_S must be a whole number from 60 to 604800/,
    );
  });
});
