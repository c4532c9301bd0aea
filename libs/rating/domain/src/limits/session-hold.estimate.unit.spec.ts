import type { OpenSessionFacts } from '../session/session-facts';
import type { SessionRatingInputs } from '../session/session-rating.decide';
import type { TariffVersionData } from '../tariff/tariff.decider';
import { decideHold, estimateHold } from './session-hold.estimate';
import { sessionTariffOf } from './session-tariff.resolve';

const version = (ratingOptions?: TariffVersionData['ratingOptions']): TariffVersionData => ({
  tariffId: 'AC-1',
  version: 3,
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
          { type: 'ENERGY', price: '0.30', vat: 21, step_size: 1 },
          { type: 'TIME', price: '2.00', vat: 21, step_size: 60 },
          { type: 'PARKING_TIME', price: '3.00', vat: 21, step_size: 60 },
        ],
      },
    ],
  },
  ...(ratingOptions === undefined ? {} : { ratingOptions }),
});
const defaults = { maxDurationS: 7_200, maxEnergyWh: 40_000 };

describe('hold amount of a starting session', () => {
  it("bounds the session's limits at the dearest prices plus a step, rounded up", () => {
    const hold = estimateHold(
      version(),
      {
        duration: { value: '3600', scope: 'station' },
        energy: { value: '20000', scope: 'driver' },
      },
      defaults,
    );
    // 0.50 + 0.30 x (20 + 0.001) kWh + 3.00/h x (3600 + 60) s = 9.5503; x 1.21 = 11.556863
    expect(hold).toEqual({
      tariff: { tariffId: 'AC-1', version: 3 },
      currency: 'EUR',
      amountExclVat: '9.56',
      amountInclVat: '11.56',
      maxDurationS: { value: 3_600, source: 'limit' },
      maxEnergyWh: { value: 20_000, source: 'limit' },
    });
  });

  it("falls back to rating's defaults for what the session does not bound", () => {
    const hold = estimateHold(
      version(),
      { energy: { value: '20000', scope: 'account' } },
      defaults,
    );
    // 0.50 + 6.0003 + 3.00/h x (7200 + 60) s = 12.5503
    expect(hold).toMatchObject({
      amountExclVat: '12.56',
      maxDurationS: { value: 7_200, source: 'default' },
      maxEnergyWh: { value: 20_000, source: 'limit' },
    });
  });

  it('adds the overstay fee over the whole duration, in whole steps', () => {
    const overstay = { graceS: 600, pricePerHour: '6.00', vat: '21', stepS: 900 };
    const hold = estimateHold(
      version({ overstay }),
      {
        duration: { value: '3000', scope: 'station' },
        energy: { value: '20000', scope: 'driver' },
      },
      defaults,
    );
    // 0.50 + 6.0003 + 3.00/h x 3060 s = 9.0503; overstay 6.00/h x 3600 s (4 steps) = 6.00;
    // incl. VAT 9.0503 x 1.21 + 7.26 = 18.210863
    expect(hold).toMatchObject({ amountExclVat: '15.06', amountInclVat: '18.22' });
    const { vat: _vat, ...withoutVat } = overstay;
    expect(
      estimateHold(version({ overstay: withoutVat }), {}, defaults).amountInclVat,
    ).toBeUndefined();
  });
});

describe('hold of a session at its start', () => {
  const facts: OpenSessionFacts = {
    sessionId: '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10',
    stationId: 'CP-1',
    tokenRef: '0b2c6a57-3a49-4c1c-8a43-0a6b1c5d2e3f',
    startedAt: '2026-05-04T10:00:00.000Z',
    meterStartWh: '0',
    samples: [],
    stateChanges: [],
  };
  const inputs = (
    overrides: Partial<SessionRatingInputs<OpenSessionFacts>> = {},
  ): SessionRatingInputs<OpenSessionFacts> => ({
    facts,
    stationTimeZone: 'Europe/Paris',
    assignments: [{ tariffId: 'ac-1', effectiveFrom: '2026-05-01T00:00:00.000Z', sequence: 1 }],
    versions: [version()],
    roundingSettings: [],
    ...overrides,
  });
  const hold = (overrides: Partial<SessionRatingInputs<OpenSessionFacts>> = {}) =>
    decideHold(
      facts,
      sessionTariffOf(inputs(overrides)),
      [
        {
          scope: 'station',
          limits: { maxEnergyWh: 20_000, maxDurationS: 3_600 },
          effectiveFrom: '2026-05-02T00:00:00.000Z',
          sequence: 2,
        },
        {
          scope: 'session',
          limits: { maxEnergyWh: 1_000 },
          effectiveFrom: '2026-05-04T10:05:00.000Z',
          sequence: 3,
        },
      ],
      defaults,
    );

  it("estimates under the limits in effect at the start, the session's own ones not yet", () => {
    expect(hold()).toEqual({
      kind: 'estimated',
      data: {
        sessionId: facts.sessionId,
        stationId: 'CP-1',
        tokenRef: facts.tokenRef,
        ...estimateHold(
          version(),
          {
            duration: { value: '3600', scope: 'station' },
            energy: { value: '20000', scope: 'station' },
          },
          defaults,
        ),
      },
    });
  });

  it('is refused with the final rating codes when no tariff version applies', () => {
    const refusal = (overrides: Partial<SessionRatingInputs<OpenSessionFacts>>) => {
      const outcome = hold(overrides);
      return outcome.kind === 'refused' ? [outcome.data.code, outcome.data.tariffId] : [];
    };
    expect(refusal({ stationTimeZone: undefined })).toEqual(['RATING.UNKNOWN_STATION', undefined]);
    expect(refusal({ assignments: [] })).toEqual(['RATING.NO_TARIFF_ASSIGNED', undefined]);
    expect(
      refusal({ versions: [{ ...version(), validFrom: '2026-05-05T00:00:00.000Z' }] }),
    ).toEqual(['RATING.NO_TARIFF_VERSION_AT_START', 'ac-1']);
  });
});
