import type { EndedSessionFacts } from '../session/session-facts';
import { rateOpenSession } from '../session/session-live-cost.decide';
import { rateEndedSession, type SessionRatingInputs } from '../session/session-rating.decide';
import type { TariffVersionData } from './tariff.decider';

const at = (minutes: number) =>
  new Date(Date.UTC(2026, 4, 4, 10, 0) + minutes * 60_000).toISOString();

/** Charges 10 kWh in 10 minutes, then stays plugged in, idle, until `endMinute`. */
const facts = (endMinute: number): EndedSessionFacts => ({
  sessionId: '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10',
  stationId: 'CP-1',
  startedAt: at(0),
  meterStartWh: '0',
  samples: [{ sampledAt: at(10), energyRegisterWh: '10000' }],
  stateChanges: [
    { changedAt: at(0), chargingState: 'Charging' },
    { changedAt: at(10), chargingState: 'SuspendedEV' },
  ],
  endedAt: at(endMinute),
  meterStopWh: '10000',
});

const version: TariffVersionData = {
  tariffId: 'AC-1',
  version: 1,
  currency: 'EUR',
  validFrom: '2026-05-01T00:00:00.000Z',
  validTo: null,
  tariff: {
    id: 'AC-1',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: '0.30', vat: 20, step_size: 1 }] }],
  },
  ratingOptions: { overstay: { graceS: 600, pricePerHour: '6.00', vat: '20', stepS: 300 } },
};

const inputs = (ended: EndedSessionFacts): SessionRatingInputs => ({
  facts: ended,
  stationTimeZone: 'Europe/Amsterdam',
  assignments: [{ tariffId: 'AC-1', effectiveFrom: '2026-05-01T00:00:00.000Z', sequence: 1 }],
  versions: [version],
  roundingSettings: [],
});

const overstayOf = (ended: EndedSessionFacts) => {
  const outcome = rateEndedSession(inputs(ended));
  if (outcome.kind !== 'rated') throw new Error(outcome.data.detail);
  return outcome.data.billable.lines.filter((line) => line.kind === 'OVERSTAY');
};

describe("a tariff version's overstay fee", () => {
  it('is not billed within the grace period after charging ended', () => {
    expect(overstayOf(facts(20))).toEqual([]);
  });

  it('bills the idle time beyond the grace period in whole steps', () => {
    // 21 idle minutes - 10 grace = 11 minutes, billed as 15 (3 steps of 5): 6.00/h x 0.25 h
    expect(overstayOf(facts(31))).toMatchObject([
      { quantity: '900', excl_vat: '1.50', vat_amount: '0.30', incl_vat: '1.80' },
    ]);
  });

  it('is in the live cost once the last reading is past the grace period', () => {
    const open = (minute: number) => {
      const { endedAt: _e, meterStopWh: _m, ...rest } = facts(minute);
      return {
        ...inputs(facts(minute)),
        facts: {
          ...rest,
          samples: [...rest.samples, { sampledAt: at(minute), energyRegisterWh: '10000' }],
        },
      };
    };
    expect(rateOpenSession(open(20))?.cost.excl_vat).toBe('3');
    expect(rateOpenSession(open(31))?.cost.excl_vat).toBe('4.5');
  });
});
