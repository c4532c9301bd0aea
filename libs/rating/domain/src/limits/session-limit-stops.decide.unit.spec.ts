import type { OpenSessionFacts, SessionSample } from '../session/session-facts';
import { effectiveLimits, type LimitSetting } from './effective-limits.resolve';
import { limitStopsDue, progressOf } from './session-limit-stops.decide';

const at = (minutes: number) =>
  new Date(Date.UTC(2026, 4, 4, 10, 0) + minutes * 60_000).toISOString();
const sample = (minutes: number, wh: number): SessionSample => ({
  sampledAt: at(minutes),
  energyRegisterWh: String(wh),
});
const facts = (samples: SessionSample[]): OpenSessionFacts => ({
  sessionId: '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10',
  stationId: 'CP-1',
  startedAt: at(0),
  meterStartWh: '1000',
  samples,
  stateChanges: [],
});
const setting = (
  scope: LimitSetting['scope'],
  limits: LimitSetting['limits'],
  minutes: number,
  sequence = 1,
): LimitSetting => ({ scope, limits, effectiveFrom: at(minutes), sequence });

describe('effective limits of a session', () => {
  it('takes the tightest of station, account, driver and tariff in effect at the start', () => {
    const settings = [
      setting('station', { maxEnergyWh: 30_000, maxDurationS: 7_200 }, -60),
      setting('account', { maxEnergyWh: 20_000 }, -60),
      setting('driver', { maxEnergyWh: 25_000, maxCostExclVat: '12.50' }, -60),
      setting('tariff', { maxCostExclVat: '9.999' }, -60),
    ];
    expect(effectiveLimits(settings, at(0), at(5))).toEqual({
      duration: { value: '7200', scope: 'station' },
      energy: { value: '20000', scope: 'account' },
      cost: { value: '9.999', scope: 'tariff' },
    });
  });

  it('ignores a policy recorded after the start, and a replaced one', () => {
    const settings = [
      setting('station', { maxEnergyWh: 10_000 }, -120, 1),
      setting('station', { maxEnergyWh: 30_000 }, -60, 2),
      setting('account', { maxEnergyWh: 5_000 }, 1),
    ];
    expect(effectiveLimits(settings, at(0), at(30))).toEqual({
      energy: { value: '30000', scope: 'station' },
    });
  });

  it("applies the driver's own session limits from when they were set", () => {
    const settings = [
      setting('station', { maxEnergyWh: 30_000 }, -60),
      setting('session', { maxEnergyWh: 8_000 }, 10),
    ];
    expect(effectiveLimits(settings, at(0), at(9)).energy?.value).toBe('30000');
    expect(effectiveLimits(settings, at(0), at(10)).energy).toEqual({
      value: '8000',
      scope: 'session',
    });
  });
});

describe('stop requests when a session reaches a limit', () => {
  const energyLimit = [setting('station', { maxEnergyWh: 5_000 }, -60)];
  const due = (settings: LimitSetting[], before: SessionSample[], added: SessionSample[]) =>
    limitStopsDue(
      settings,
      at(0),
      progressOf(facts(before)),
      progressOf(facts([...before, ...added])),
    );

  it('is due once, at the first fact whose energy reaches the limit', () => {
    expect(due(energyLimit, [sample(1, 3_000)], [sample(2, 5_999)])).toEqual([]);
    expect(due(energyLimit, [sample(2, 5_999)], [sample(3, 6_000)])).toEqual([
      {
        limit: 'energy',
        scope: 'station',
        maxValue: '5000',
        reachedValue: '5000',
        reachedAt: at(3),
      },
    ]);
    expect(due(energyLimit, [sample(3, 6_000)], [sample(4, 9_000)])).toEqual([]);
  });

  it('reaches a duration limit on any fact, even one without energy', () => {
    const settings = [setting('tariff', { maxDurationS: 1_800 }, -60)];
    expect(due(settings, [sample(29, 2_000)], [{ sampledAt: at(30), powerW: '0' }])).toEqual([
      {
        limit: 'duration',
        scope: 'tariff',
        maxValue: '1800',
        reachedValue: '1800',
        reachedAt: at(30),
      },
    ]);
  });

  it('reaches a limit the driver tightened below what the session already had', () => {
    const settings = [...energyLimit, setting('session', { maxEnergyWh: 2_000 }, 5)];
    expect(due(settings, [sample(4, 3_500)], [sample(6, 3_600)])).toMatchObject([
      { limit: 'energy', scope: 'session', maxValue: '2000', reachedValue: '2600' },
    ]);
  });

  it('compares cost exactly, only when priced', () => {
    const settings = [setting('account', { maxCostExclVat: '10' }, -60)];
    const before = progressOf(facts([sample(1, 2_000)]), '9.9999999');
    const reached = progressOf(facts([sample(1, 2_000), sample(2, 3_000)]), '10.0000001');
    expect(limitStopsDue(settings, at(0), before, reached)).toMatchObject([
      { limit: 'cost', reachedValue: '10.0000001' },
    ]);
    expect(limitStopsDue(settings, at(0), before, progressOf(facts([sample(2, 3_000)])))).toEqual(
      [],
    );
  });
});
