import Decimal from 'decimal.js';
import type { EventData, SessionReRatedV1 } from '@chargeledger/contracts';
import { withLoyaltyCredit } from '../loyalty/loyalty-credit.apply';
import { RatingRefusal } from '../shared/rating-refusal';
import type { EndedSessionFacts } from '../session/session-facts';
import { rateEndedSession, type SessionRatingInputs } from '../session/session-rating.decide';
import type { TariffVersionData } from '../tariff/tariff.decider';
import type { RatedCdr } from './credit-cdr';
import {
  evolveSessionRating,
  sessionRatingInitialState,
  type SessionRatingState,
} from './session-rating.history';
import {
  correctedCdrIdOf,
  decideLateFact,
  decideReRating,
  type ReRateSession,
} from './session-re-rating.decide';

const SESSION = '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10';
const RATED_AT = '2026-05-04T11:01:05.000Z';
const facts: EndedSessionFacts = {
  sessionId: SESSION,
  stationId: 'CP-1',
  startedAt: '2026-05-04T10:00:00.000Z',
  meterStartWh: '1000',
  samples: [{ sampledAt: '2026-05-04T10:40:00.000Z', energyRegisterWh: '11000' }],
  stateChanges: [{ changedAt: '2026-05-04T10:00:00.000Z', chargingState: 'Charging' }],
  endedAt: '2026-05-04T11:00:00.000Z',
  meterStopWh: '11000',
};
// From 12:20 to 13:00 in Amsterdam (10:20-11:00 UTC) energy costs 0.50, else 0.30; the
// engine prices the energy of a reading interval that reaches the peak at the peak price.
const peak = {
  id: 'AC-1',
  currency: 'EUR',
  elements: [
    {
      price_components: [{ type: 'ENERGY', price: '0.50', vat: 21, step_size: 1 }],
      restrictions: { start_time: '12:20', end_time: '13:00' },
    },
    { price_components: [{ type: 'ENERGY', price: '0.30', vat: 21, step_size: 1 }] },
  ],
};
const version = (overrides: Partial<TariffVersionData> = {}): TariffVersionData => ({
  tariffId: 'AC-1',
  version: 1,
  currency: 'EUR',
  validFrom: '2026-05-01T00:00:00.000Z',
  validTo: null,
  tariff: peak,
  ...overrides,
});
const flat = version({
  version: 2,
  validFrom: '2026-06-01T00:00:00.000Z',
  tariff: {
    id: 'AC-1',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: '0.333', vat: 21, step_size: 1 }] }],
  },
});
const inputs = (overrides: Partial<SessionRatingInputs> = {}): SessionRatingInputs => ({
  facts,
  stationTimeZone: 'Europe/Amsterdam',
  assignments: [{ tariffId: 'AC-1', effectiveFrom: '2026-05-01T00:00:00.000Z', sequence: 1 }],
  versions: [version(), flat],
  roundingSettings: [],
  ...overrides,
});

function rated(): SessionRatingState {
  const outcome = rateEndedSession(inputs());
  if (outcome.kind !== 'rated') throw new Error(outcome.data.detail);
  return evolveSessionRating(sessionRatingInitialState, {
    type: 'SessionRated',
    time: RATED_AT,
    data: outcome.data,
  });
}

const current = (state: SessionRatingState): RatedCdr => {
  if (state.status !== 'rated') throw new Error(state.status);
  return state.current;
};

const tariffCorrection = (v: number, tariffId = 'AC-1'): ReRateSession => ({
  sessionId: SESSION,
  reason: 'TARIFF_ERROR',
  correction: { kind: 'TARIFF_VERSION', tariffId, version: v },
});

const refusalOf = (run: () => unknown): RatingRefusal => {
  try {
    run();
  } catch (error) {
    if (error instanceof RatingRefusal) return error;
    throw error;
  }
  throw new Error('not refused');
};

const plus = (...values: string[]) => values.reduce((sum, v) => sum.plus(v), new Decimal(0));

describe('re-rating a rated session', () => {
  it('credits the rated CDR exactly and rates the session again with the corrected version', () => {
    const state = rated();
    const original = current(state);
    expect(original.billable.total).toEqual({
      excl_vat: '5.00',
      vat_amount: '1.05',
      incl_vat: '6.05',
    });
    const event = decideReRating(state, tariffCorrection(2), inputs()).reRated;
    expect(event.credit).toMatchObject({
      cdrId: `${SESSION}-C`,
      creditReferenceId: SESSION,
      totals: {
        total_cost: { excl_vat: '-5', incl_vat: '-6.05' },
        total_energy_cost: { excl_vat: '-5', incl_vat: '-6.05' },
        total_fixed_cost: { excl_vat: '0', incl_vat: '0' },
        total_energy: '10',
      },
      billable: { total: { excl_vat: '-5.00', vat_amount: '-1.05', incl_vat: '-6.05' } },
    });
    expect(event.credit.billable.lines).toEqual(
      original.billable.lines.map((line) => ({
        ...line,
        quantity: `-${line.quantity}`,
        excl_vat: `-${line.excl_vat}`,
        vat_amount: `-${line.vat_amount ?? ''}`,
        incl_vat: `-${line.incl_vat ?? ''}`,
      })),
    );
    expect(event.corrected).toMatchObject({
      cdrId: correctedCdrIdOf(SESSION, 1),
      tariff: { tariffId: 'AC-1', version: 2 },
      totals: { total_cost: { excl_vat: '3.33', incl_vat: '4.0293' } },
      billable: { total: { excl_vat: '3.33', vat_amount: '0.70', incl_vat: '4.03' } },
    });
    expect(event.corrected.cdrId).toHaveLength(36);
    const engine = rateEndedSession(
      inputs({ versions: [{ ...flat, validFrom: facts.startedAt }] }),
    );
    expect(engine.kind === 'rated' && { ...engine.data, cdrId: event.corrected.cdrId }).toEqual(
      event.corrected,
    );
    expect(event.delta).toEqual({
      currency: 'EUR',
      excl_vat: '-1.67',
      vat_amount: '-0.35',
      incl_vat: '-2.02',
    });
    expect(event).toMatchObject({ sessionId: SESSION, reason: 'TARIFF_ERROR' });
  });

  it('takes the loyalty credit the first bill took off the corrected bill again', () => {
    const outcome = rateEndedSession(inputs());
    if (outcome.kind !== 'rated') throw new Error(outcome.data.detail);
    const state = evolveSessionRating(sessionRatingInitialState, {
      type: 'SessionRated',
      time: RATED_AT,
      data: withLoyaltyCredit(outcome.data, '1.00'),
    });
    expect(current(state).billable.total.excl_vat).toBe('4.00');
    const event = decideReRating(state, tariffCorrection(2), {
      ...inputs(),
      loyaltyCreditUsed: '1.00',
    }).reRated;
    expect(event.credit.billable.total).toEqual({
      excl_vat: '-4.00',
      vat_amount: '-0.84',
      incl_vat: '-4.84',
    });
    // 3.33 for the energy at the corrected version, less the same 1.00 of credit.
    expect(event.corrected.billable.total).toEqual({
      excl_vat: '2.33',
      vat_amount: '0.49',
      incl_vat: '2.82',
    });
    expect(event.corrected.billable.lines.at(-1)).toMatchObject({
      kind: 'DISCOUNT',
      excl_vat: '-1.00',
    });
    expect(event.delta).toMatchObject({ excl_vat: '-1.67' });
  });

  it('lowers the credit use to what a smaller corrected bill takes, and keeps it otherwise', () => {
    const outcome = rateEndedSession(inputs());
    if (outcome.kind !== 'rated') throw new Error(outcome.data.detail);
    const creditedBy = (credit: string) =>
      evolveSessionRating(sessionRatingInitialState, {
        type: 'SessionRated',
        time: RATED_AT,
        data: withLoyaltyCredit(outcome.data, credit),
      });
    // 5.00 before credit, all of it taken; the corrected bill is 3.33 before credit.
    const lowered = decideReRating(creditedBy('5.00'), tariffCorrection(2), {
      ...inputs(),
      loyaltyCreditUsed: '5.00',
    });
    expect(lowered.loyaltyCreditUseLoweredTo).toBe('3.33');
    expect(lowered.reRated.corrected.billable.total.excl_vat).toBe('0.00');
    const kept = decideReRating(creditedBy('1.00'), tariffCorrection(2), {
      ...inputs(),
      loyaltyCreditUsed: '1.00',
    });
    expect(kept.loyaltyCreditUseLoweredTo).toBeUndefined();
    expect(decideReRating(rated(), tariffCorrection(2), inputs()).loyaltyCreditUseLoweredTo).toBe(
      undefined,
    );
  });

  it('replaces the energy register samples with corrected ones', () => {
    const samples = [{ sampledAt: '2026-05-04T10:20:00.000Z', energyRegisterWh: '11000' }];
    const event = decideReRating(
      rated(),
      { sessionId: SESSION, reason: 'METER_ERROR', correction: { kind: 'METER_DATA', samples } },
      inputs(),
    ).reRated;
    // All 10 kWh before the peak: 10 × 0.30.
    expect(event.corrected.totals.total_energy_cost).toEqual({ excl_vat: '3', incl_vat: '3.63' });
    expect(event.delta.excl_vat).toBe('-2.00');
  });

  it('names each bad corrected sample', () => {
    const refusal = refusalOf(
      () =>
        decideReRating(
          rated(),
          {
            sessionId: SESSION,
            reason: 'METER_ERROR',
            correction: {
              kind: 'METER_DATA',
              samples: [
                { sampledAt: '2026-05-04T10:30:00.000Z', energyRegisterWh: '5000' },
                { sampledAt: '2026-05-04T10:20:00.000Z', energyRegisterWh: '4000' },
                { sampledAt: '2026-05-04T11:30:00.000Z', energyRegisterWh: '12000' },
              ],
            },
          },
          inputs(),
        ).reRated,
    );
    expect(refusal.code).toBe('RATING.INVALID_CORRECTION');
    expect(refusal.fieldErrors.map((e) => e.path)).toEqual([
      'correction.samples[1].sampledAt',
      'correction.samples[1].energyRegisterWh',
      'correction.samples[2].sampledAt',
      'correction.samples[2].energyRegisterWh',
    ]);
  });

  it.each<[string, ReRateSession, string]>([
    ['an unknown tariff', tariffCorrection(1, 'DC-9'), 'correction.tariffId'],
    ['an unknown version', tariffCorrection(3), 'correction.version'],
  ])('refuses %s, naming the field', (_, command, path) => {
    const refusal = refusalOf(() => decideReRating(rated(), command, inputs()).reRated);
    expect(refusal.code).toBe('RATING.INVALID_CORRECTION');
    expect(refusal.fieldErrors.map((e) => e.path)).toEqual([path]);
  });

  it('refuses a tariff in another currency', () => {
    const usd = version({
      tariffId: 'US-1',
      currency: 'USD',
      tariff: { ...peak, currency: 'USD' },
    });
    const refusal = refusalOf(
      () =>
        decideReRating(rated(), tariffCorrection(1, 'US-1'), inputs({ versions: [usd] })).reRated,
    );
    expect(refusal.fieldErrors).toEqual([
      { path: 'correction.tariffId', message: 'tariff US-1 is priced in USD, the session in EUR' },
    ]);
  });

  it('builds each correction on the latest CDR and refuses a stale one', () => {
    const first = decideReRating(rated(), tariffCorrection(2), inputs()).reRated;
    const state = evolveSessionRating(rated(), { type: 'SessionReRated', data: first });
    const second = decideReRating(
      state,
      { ...tariffCorrection(1), expectedCdrId: first.corrected.cdrId },
      inputs(),
    ).reRated;
    expect(second.credit.creditReferenceId).toBe(first.corrected.cdrId);
    expect(second.credit.cdrId).toBe(`${first.corrected.cdrId}-C`);
    expect(second.credit.billable.total.excl_vat).toBe('-3.33');
    expect(second.corrected.cdrId).toBe(correctedCdrIdOf(SESSION, 2));
    expect(second.corrected.billable.total.excl_vat).toBe('5.00');
    expect(second.delta.excl_vat).toBe('1.67');
    const stale = refusalOf(
      () =>
        decideReRating(state, { ...tariffCorrection(1), expectedCdrId: SESSION }, inputs()).reRated,
    );
    expect(stale.code).toBe('RATING.RE_RATING_CONFLICT');
  });

  it('keeps a meter correction when the tariff is corrected later', () => {
    const samples = [{ sampledAt: '2026-05-04T10:20:00.000Z', energyRegisterWh: '11000' }];
    const meter: EventData<typeof SessionReRatedV1> = decideReRating(
      rated(),
      { sessionId: SESSION, reason: 'METER_ERROR', correction: { kind: 'METER_DATA', samples } },
      inputs(),
    ).reRated;
    const state = evolveSessionRating(rated(), { type: 'SessionReRated', data: meter });
    const back = decideReRating(state, tariffCorrection(1), inputs()).reRated;
    expect(back.corrected.totals.total_energy_cost.excl_vat).toBe('3');
  });

  it('refuses a session that was never rated', () => {
    const refused = evolveSessionRating(sessionRatingInitialState, {
      type: 'SessionRatingRefused',
      data: {
        sessionId: SESSION,
        stationId: 'CP-1',
        startedAt: facts.startedAt,
        endedAt: facts.endedAt,
        code: 'RATING.NO_TARIFF_ASSIGNED',
        detail: 'none',
      },
    });
    for (const state of [sessionRatingInitialState, refused])
      expect(
        refusalOf(() => decideReRating(state, tariffCorrection(2), inputs()).reRated).code,
      ).toBe('RATING.SESSION_NOT_FOUND');
  });
});

describe('a session fact recorded after the rating', () => {
  const FACT = '0f7d8b8e-2f7c-4c55-9b1e-7d2f0c4b1a11';
  const lateFacts: EndedSessionFacts = {
    ...facts,
    samples: [
      ...facts.samples,
      { sampledAt: '2026-05-04T10:10:00.000Z', energyRegisterWh: '9000' },
    ],
  };
  const late = (recordedAt: string) => ({ eventId: FACT, recordedAt });
  const HOUR_MS = 3_600_000;

  it('re-rates within the window, crediting the CDR in effect', () => {
    const outcome = decideLateFact(
      rated(),
      late('2026-05-04T11:30:00.000Z'),
      inputs({ facts: lateFacts }),
      HOUR_MS,
    );
    if (outcome.kind !== 'reRated') throw new Error(outcome.data.detail);
    expect(outcome.data).toMatchObject({
      reason: 'LATE_FACTS',
      correction: { kind: 'LATE_FACTS', factEventId: FACT },
      credit: { creditReferenceId: SESSION },
    });
    const engine = rateEndedSession(inputs({ facts: lateFacts }));
    expect(engine.kind === 'rated' && engine.data.totals).toEqual(outcome.data.corrected.totals);
    expect(outcome.data.corrected.totals.total_energy_cost.excl_vat).toBe('3.4');
    const total = plus(
      current(rated()).billable.total.excl_vat,
      outcome.data.credit.billable.total.excl_vat,
      outcome.data.corrected.billable.total.excl_vat,
    );
    expect(total.toFixed(2)).toBe(outcome.data.corrected.billable.total.excl_vat);
    const state = evolveSessionRating(rated(), { type: 'SessionReRated', data: outcome.data });
    expect(state).toMatchObject({ lateFactsThrough: FACT, corrections: 1 });
  });

  it.each<[string, string, () => SessionRatingState, EndedSessionFacts]>([
    ['RATING.RE_RATING_WINDOW_CLOSED', '2026-05-04T12:01:06.000Z', rated, lateFacts],
    [
      'RATING.SESSION_NOT_RATED',
      '2026-05-04T11:30:00.000Z',
      () =>
        evolveSessionRating(sessionRatingInitialState, {
          type: 'SessionRatingRefused',
          data: {
            sessionId: SESSION,
            stationId: 'CP-1',
            startedAt: facts.startedAt,
            endedAt: facts.endedAt,
            code: 'RATING.UNRATABLE_SESSION',
            detail: 'the engine refused the facts',
          },
        }),
      lateFacts,
    ],
    ['RATING.PRICE_UNCHANGED', '2026-05-04T11:30:00.000Z', rated, facts],
    [
      'RATING.METER_DATA_CORRECTED',
      '2026-05-04T11:30:00.000Z',
      () => {
        const meter = decideReRating(
          rated(),
          {
            sessionId: SESSION,
            reason: 'METER_ERROR',
            correction: {
              kind: 'METER_DATA',
              samples: [{ sampledAt: '2026-05-04T10:20:00.000Z', energyRegisterWh: '11000' }],
            },
          },
          inputs(),
        ).reRated;
        return evolveSessionRating(rated(), { type: 'SessionReRated', data: meter });
      },
      lateFacts,
    ],
  ])('declines with %s', (code, recordedAt, state, sessionFacts) => {
    const outcome = decideLateFact(
      state(),
      late(recordedAt),
      inputs({ facts: sessionFacts }),
      HOUR_MS,
    );
    expect(outcome).toMatchObject({ kind: 'declined', data: { code, factEventId: FACT } });
  });
});
