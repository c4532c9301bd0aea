import type { TariffVersionData } from '../tariff/tariff.decider';
import type { EndedSessionFacts } from './session-facts';
import { rateEndedSession, type SessionRatingInputs } from './session-rating.decide';

const SESSION = '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10';
const facts: EndedSessionFacts = {
  sessionId: SESSION,
  stationId: 'CP-1',
  tokenRef: '0b2c6a57-3a49-4c1c-8a43-0a6b1c5d2e3f',
  startedAt: '2026-05-04T10:00:00.000Z',
  meterStartWh: '1000',
  samples: [
    { sampledAt: '2026-05-04T10:40:00.000Z', energyRegisterWh: '11000', powerW: '11000' },
    // Only power: tells nothing about energy.
    { sampledAt: '2026-05-04T10:50:00.000Z', powerW: '0' },
  ],
  stateChanges: [
    { changedAt: '2026-05-04T10:41:00.000Z', chargingState: 'SuspendedEV' },
    { changedAt: '2026-05-04T09:59:00.000Z', chargingState: 'Charging' },
  ],
  endedAt: '2026-05-04T11:01:00.000Z',
  meterStopWh: '11000',
};
const version = (overrides: Partial<TariffVersionData> = {}): TariffVersionData => ({
  tariffId: 'AC-1',
  version: 1,
  currency: 'EUR',
  validFrom: '2026-05-01T00:00:00.000Z',
  validTo: null,
  tariff: {
    id: 'AC-1',
    currency: 'EUR',
    elements: [
      {
        price_components: [
          { type: 'ENERGY', price: '0.30', vat: 21, step_size: 1 },
          { type: 'PARKING_TIME', price: '6.00', vat: 21, step_size: 60 },
        ],
      },
    ],
  },
  ...overrides,
});
const inputs = (overrides: Partial<SessionRatingInputs> = {}): SessionRatingInputs => ({
  facts,
  stationTimeZone: 'Europe/Amsterdam',
  assignments: [{ tariffId: 'ac-1', effectiveFrom: '2026-05-01T00:00:00.000Z', sequence: 3 }],
  versions: [version()],
  roundingSettings: [],
  ...overrides,
});

describe('final rating of an ended session', () => {
  it('rates energy and idle time exactly and bills rounded lines', () => {
    const outcome = rateEndedSession(inputs());
    if (outcome.kind !== 'rated') throw new Error(outcome.data.detail);
    const { data } = outcome;
    expect(data).toMatchObject({
      sessionId: SESSION,
      cdrId: SESSION,
      tokenRef: facts.tokenRef,
      tariff: { tariffId: 'AC-1', version: 1 },
      currency: 'EUR',
    });
    expect(data.totals.total_energy).toBe('10');
    expect(data.totals.total_energy_cost).toEqual({ excl_vat: '3', incl_vat: '3.63' });
    expect(data.totals.total_parking_cost).toEqual({ excl_vat: '2', incl_vat: '2.42' });
    expect(data.totals.total_cost).toEqual({ excl_vat: '5', incl_vat: '6.05' });
    expect(data.billable.rounding_mode).toBe('HALF_UP');
    expect(data.billable.lines.map((l) => [l.kind, l.excl_vat, l.incl_vat])).toEqual([
      ['ENERGY', '3.00', '3.63'],
      ['PARKING_TIME', '2.00', '2.42'],
    ]);
    expect(data.billable.total).toEqual({ excl_vat: '5.00', vat_amount: '1.05', incl_vat: '6.05' });
    expect(data.chargingPeriods[0]?.start_date_time).toBe(facts.startedAt);
  });

  it("settles with the operator's rounding mode in effect at the start", () => {
    const cheap = version({
      tariff: {
        id: 'AC-1',
        currency: 'EUR',
        elements: [{ price_components: [{ type: 'ENERGY', price: '0.0335', step_size: 1 }] }],
      },
    });
    const outcome = rateEndedSession(
      inputs({
        versions: [cheap],
        roundingSettings: [
          { roundingMode: 'DOWN', effectiveFrom: '2026-05-02T00:00:00.000Z', sequence: 1 },
          { roundingMode: 'UP', effectiveFrom: '2026-05-04T10:00:00.001Z', sequence: 2 },
        ],
      }),
    );
    if (outcome.kind !== 'rated') throw new Error(outcome.data.detail);
    expect(outcome.data.totals.total_cost.excl_vat).toBe('0.335');
    expect(outcome.data.billable).toMatchObject({
      rounding_mode: 'DOWN',
      total: { excl_vat: '0.33' },
    });
  });

  it('uses the version valid at the start, not one published for later', () => {
    const later = version({ version: 2, validFrom: '2026-05-04T10:30:00.000Z' });
    const outcome = rateEndedSession(inputs({ versions: [version(), later] }));
    expect(outcome.kind === 'rated' && outcome.data.tariff.version).toBe(1);
  });

  it("uses the tariff of the session's EVSE in effect at the start, else the station's", () => {
    const dc = version({ tariffId: 'DC-1', tariff: { ...version().tariff, id: 'DC-1' } });
    const assigned = (evseId: number, effectiveFrom: string) => ({
      tariffId: 'dc-1',
      evseId,
      effectiveFrom,
      sequence: 4,
    });
    const tariffOf = (evseId: number, assignment = assigned(2, '2026-05-02T00:00:00.000Z')) => {
      const outcome = rateEndedSession(
        inputs({
          facts: { ...facts, evseId },
          assignments: [...inputs().assignments, assignment],
          versions: [version(), dc],
        }),
      );
      return outcome.kind === 'rated' ? outcome.data.tariff.tariffId : outcome.data.code;
    };
    expect(tariffOf(2)).toBe('DC-1');
    expect(tariffOf(1)).toBe('AC-1');
    expect(tariffOf(2, assigned(2, '2026-05-04T10:00:01.000Z'))).toBe('AC-1');
  });

  it.each<[string, Partial<SessionRatingInputs>]>([
    ['RATING.UNKNOWN_STATION', { stationTimeZone: undefined }],
    ['RATING.NO_TARIFF_ASSIGNED', { assignments: [] }],
    [
      'RATING.NO_TARIFF_ASSIGNED',
      {
        assignments: [{ tariffId: 'AC-1', effectiveFrom: '2026-05-04T10:00:01.000Z', sequence: 1 }],
      },
    ],
    ['RATING.NO_TARIFF_VERSION_AT_START', { versions: [] }],
    [
      'RATING.NO_TARIFF_VERSION_AT_START',
      { versions: [version({ validTo: '2026-05-04T10:00:00.000Z' })] },
    ],
    ['RATING.UNRATABLE_SESSION', { facts: { ...facts, meterStopWh: '900' } }],
  ])('refuses with %s', (code, overrides) => {
    const outcome = rateEndedSession(inputs(overrides));
    expect(outcome.kind).toBe('refused');
    expect(outcome.data).toMatchObject({ sessionId: SESSION, stationId: 'CP-1', code });
  });
});
