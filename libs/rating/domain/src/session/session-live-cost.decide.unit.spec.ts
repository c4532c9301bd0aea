import type { TariffVersionData } from '../tariff/tariff.decider';
import type { EndedSessionFacts, OpenSessionFacts, SessionSample } from './session-facts';
import { liveCostDue, rateOpenSession } from './session-live-cost.decide';
import { rateEndedSession, type SessionRatingInputs } from './session-rating.decide';

const at = (minutes: number) =>
  new Date(Date.UTC(2026, 4, 4, 10, 0) + minutes * 60_000).toISOString();
const sample = (minutes: number, wh: number): SessionSample => ({
  sampledAt: at(minutes),
  energyRegisterWh: String(wh),
});
const open = (samples: readonly SessionSample[]): OpenSessionFacts => ({
  sessionId: '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10',
  stationId: 'CP-1',
  startedAt: at(0),
  meterStartWh: '1000',
  samples,
  stateChanges: [{ changedAt: at(0), chargingState: 'Charging' }],
});
const version: TariffVersionData = {
  tariffId: 'AC-1',
  version: 2,
  currency: 'EUR',
  validFrom: '2026-05-01T00:00:00.000Z',
  validTo: null,
  tariff: {
    id: 'AC-1',
    currency: 'EUR',
    elements: [
      {
        price_components: [
          { type: 'FLAT', price: '0.50', vat: 21, step_size: 0 },
          { type: 'ENERGY', price: '0.333', vat: 21, step_size: 1 },
          { type: 'TIME', price: '1.20', vat: 21, step_size: 60 },
        ],
      },
    ],
  },
};
const inputs = <F extends OpenSessionFacts>(facts: F): SessionRatingInputs<F> => ({
  facts,
  stationTimeZone: 'Europe/Amsterdam',
  assignments: [{ tariffId: 'AC-1', effectiveFrom: '2026-05-01T00:00:00.000Z', sequence: 1 }],
  versions: [version],
  roundingSettings: [],
});

describe('running cost of an open session', () => {
  const samples = [sample(1, 1_500), sample(2, 2_777), sample(3, 4_001)];

  it('prices the facts so far up to the last reading, rising with each reading', () => {
    const costs = [1, 2, 3].map((n) => rateOpenSession(inputs(open(samples.slice(0, n)))));
    expect(costs.map((c) => [c?.asOf, c?.energyWh, c?.tariff.version])).toEqual([
      [at(1), '500', 2],
      [at(2), '1777', 2],
      [at(3), '3001', 2],
    ]);
    // 0.50 + 3.001 kWh x 0.333 + 3 min x 1.20/h
    expect(costs[2]?.cost).toEqual({ excl_vat: '1.559333', incl_vat: '1.88679293' });
    expect(costs[2]).toMatchObject({ billableExclVat: '1.56', billableInclVat: '1.89' });
  });

  it('equals the final rating when the last reading is the end', () => {
    const ended: EndedSessionFacts = { ...open(samples), endedAt: at(3), meterStopWh: '4001' };
    const rated = rateEndedSession(inputs(ended));
    if (rated.kind !== 'rated') throw new Error(rated.data.detail);
    expect(rateOpenSession(inputs(open(samples)))).toEqual({
      sessionId: ended.sessionId,
      asOf: at(3),
      energyWh: '3001',
      tariff: rated.data.tariff,
      cost: rated.data.totals.total_cost,
      billableExclVat: rated.data.billable.total.excl_vat,
      billableInclVat: rated.data.billable.total.incl_vat,
    });
  });

  it('has none without a reading or an applicable tariff', () => {
    expect(rateOpenSession(inputs(open([{ sampledAt: at(1), powerW: '7000' }])))).toBeUndefined();
    expect(rateOpenSession({ ...inputs(open(samples)), assignments: [] })).toBeUndefined();
  });
});

describe('throttle of the running cost', () => {
  const due = (before: SessionSample[], added: SessionSample[]) =>
    liveCostDue(open(before), open([...before, ...added]), 60_000);

  it('is due on the first reading and once per interval of station time after that', () => {
    expect(due([], [sample(0.5, 1_100)])).toBe(true);
    expect(due([sample(0.5, 1_100)], [sample(0.9, 1_200)])).toBe(false);
    expect(due([sample(0.9, 1_200)], [sample(1, 1_300)])).toBe(true);
    expect(due([sample(1, 1_300)], [sample(3.5, 1_900)])).toBe(true);
  });

  it('is not due for readings no newer than the last one, or without energy', () => {
    expect(due([sample(2, 1_500)], [sample(1, 1_300)])).toBe(false);
    expect(due([], [{ sampledAt: at(1), powerW: '7000' }])).toBe(false);
    expect(due([], [sample(0, 1_000)])).toBe(false);
  });
});
