/**
 * Property: for random tariffs and sessions and a random run of corrections (meter data,
 * tariff versions), every re-rating credits exactly the CDR in effect (each credit line
 * the digit-for-digit negation of its line, the credit lines summing to minus its billed
 * total), its corrected CDR is the engine's rating of the corrected session, its delta
 * is corrected − credited, and the billed totals of the original, every credit and every
 * corrected CDR sum to the last corrected total. The seed is printed; rerun one with
 * RERATING_PROPERTY_SEED.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { RatingRefusal } from '../shared/rating-refusal';
import type { EndedSessionFacts } from '../session/session-facts';
import { rateEndedSession, type SessionRatingInputs } from '../session/session-rating.decide';
import type { TariffVersionData } from '../tariff/tariff.decider';
import { negateDecimal, type RatedCdr } from './credit-cdr';
import { evolveSessionRating, sessionRatingInitialState } from './session-rating.history';
import { decideReRating, type OperatorCorrection } from './session-re-rating.decide';

const SEED = Number(process.env['RERATING_PROPERTY_SEED'] ?? Date.now() % 2 ** 31);
const SESSION = '3f1c9a52-0d4e-4b8a-9c2f-5e6d7a8b9c01';
const START_MS = Date.parse('2026-03-28T22:30:00.000Z');
const at = (minute: number) => new Date(START_MS + minute * 60_000).toISOString();

const price = fc.integer({ min: 0, max: 900 }).map((c) => (c / 1000).toFixed(3));
const hhmm = fc.integer({ min: 0, max: 47 }).map((h) => {
  const hours = String(Math.floor(h / 2)).padStart(2, '0');
  return `${hours}:${h % 2 === 0 ? '00' : '30'}`;
});
const tariff = fc.array(
  fc.record(
    {
      price_components: fc
        .uniqueArray(fc.constantFrom('FLAT', 'ENERGY', 'TIME', 'PARKING_TIME'), {
          minLength: 1,
          maxLength: 3,
        })
        .chain((types) =>
          fc.tuple(
            ...types.map((type) =>
              fc.record({
                type: fc.constant(type),
                price,
                vat: fc.constantFrom(0, 9, 21),
                step_size: fc.constantFrom(0, 1, 60, 300),
              }),
            ),
          ),
        ),
      restrictions: fc.record({ start_time: hhmm, end_time: hhmm }, { requiredKeys: [] }),
    },
    { requiredKeys: ['price_components'] },
  ),
  { minLength: 1, maxLength: 3 },
);
/** Wh added in each minute of the session. */
const minutes = fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 2, maxLength: 120 });
const correction = fc.oneof(
  fc.record({ kind: fc.constant('TARIFF_VERSION' as const), version: fc.constantFrom(1, 2) }),
  fc.record({
    kind: fc.constant('METER_DATA' as const),
    /** Which minutes get a corrected sample, and how far each register moves back. */
    picks: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 300 })), {
      minLength: 1,
      maxLength: 10,
    }),
  }),
);

function factsOf(whPerMinute: readonly number[]): EndedSessionFacts {
  let register = 50_000;
  const registers = whPerMinute.map((wh) => (register += wh));
  return {
    sessionId: SESSION,
    stationId: 'CP-P',
    startedAt: at(0),
    meterStartWh: '50000',
    samples: registers
      .slice(0, -1)
      .map((wh, index) => ({ sampledAt: at(index + 1), energyRegisterWh: String(wh) })),
    stateChanges: [
      { changedAt: at(0), chargingState: 'Charging' },
      { changedAt: at(Math.floor(whPerMinute.length / 2)), chargingState: 'SuspendedEV' },
    ],
    endedAt: at(whPerMinute.length),
    meterStopWh: String(register),
  };
}

/** Corrected samples at the picked minutes: registers moved back, kept non-decreasing. */
function correctedSamples(
  facts: EndedSessionFacts,
  picks: readonly (readonly [number, number])[],
): OperatorCorrection {
  const inside = facts.samples.length;
  const chosen = [...new Set(picks.map(([minute]) => (minute % inside) + 1))].sort((a, b) => a - b);
  let floor = new Decimal(facts.meterStartWh);
  const samples = chosen.map((minute, index) => {
    const recorded = new Decimal(facts.samples[minute - 1]?.energyRegisterWh ?? floor);
    const moved = Decimal.max(floor, recorded.minus(picks[index]?.[1] ?? 0));
    floor = moved;
    return { sampledAt: at(minute), energyRegisterWh: moved.toFixed() };
  });
  return { kind: 'METER_DATA', samples };
}

const total = (cdr: RatedCdr) => new Decimal(cdr.billable.total.excl_vat);

it('credits exactly the CDR in effect and bills, over all CDRs, the last corrected total', () => {
  process.stdout.write(`re-rating property: seed ${SEED}\n`);
  let reRated = 0;
  fc.assert(
    fc.property(
      tariff,
      tariff,
      minutes,
      fc.array(correction, { minLength: 1, maxLength: 4 }),
      (v1Elements, v2Elements, whPerMinute, corrections) => {
        const facts = factsOf(whPerMinute);
        const version = (v: number, elements: unknown): TariffVersionData => ({
          tariffId: 'PT',
          version: v,
          currency: 'EUR',
          validFrom: '2026-03-01T00:00:00.000Z',
          validTo: null,
          tariff: { id: 'PT', currency: 'EUR', elements },
        });
        const inputs: SessionRatingInputs = {
          facts,
          stationTimeZone: 'Europe/Amsterdam',
          assignments: [{ tariffId: 'PT', effectiveFrom: '2026-03-01T00:00:00.000Z', sequence: 1 }],
          versions: [version(1, v1Elements), { ...version(2, v2Elements), validFrom: at(1) }],
          roundingSettings: [],
        };
        const first = rateEndedSession(inputs);
        if (first.kind !== 'rated') return;
        let state = evolveSessionRating(sessionRatingInitialState, {
          type: 'SessionRated',
          time: facts.endedAt,
          data: first.data,
        });
        const billed: RatedCdr[] = [first.data];
        for (const c of corrections) {
          if (state.status !== 'rated') throw new Error('not rated');
          const previous = state.current;
          const command = {
            sessionId: SESSION,
            reason: 'DISPUTE' as const,
            correction:
              c.kind === 'TARIFF_VERSION'
                ? { kind: c.kind, tariffId: 'PT', version: c.version }
                : correctedSamples(facts, c.picks),
          };
          let event;
          try {
            event = decideReRating(state, command, inputs).reRated;
          } catch (error) {
            if (error instanceof RatingRefusal && error.code === 'RATING.UNRATABLE_CORRECTION')
              continue;
            throw error;
          }
          reRated += 1;
          const { credit, corrected, delta } = event;
          expect(credit.creditReferenceId).toBe(previous.cdrId);
          expect(credit.billable.lines).toEqual(
            previous.billable.lines.map((line) => ({
              ...line,
              quantity: negateDecimal(line.quantity),
              excl_vat: negateDecimal(line.excl_vat),
              ...(line.vat_amount === undefined
                ? {}
                : { vat_amount: negateDecimal(line.vat_amount) }),
              ...(line.incl_vat === undefined ? {} : { incl_vat: negateDecimal(line.incl_vat) }),
            })),
          );
          const lines = credit.billable.lines.reduce((s, l) => s.plus(l.excl_vat), new Decimal(0));
          expect(lines.eq(total(previous).neg())).toBe(true);
          expect(total(credit).eq(total(previous).neg())).toBe(true);
          const sum = total(previous).plus(total(credit)).plus(total(corrected));
          expect(sum.eq(total(corrected))).toBe(true);
          expect(new Decimal(delta.excl_vat).eq(total(corrected).minus(total(previous)))).toBe(
            true,
          );
          const engine = rateEndedSession({
            ...inputs,
            facts:
              command.correction.kind === 'METER_DATA' || state.meterSamples !== undefined
                ? {
                    ...facts,
                    samples:
                      command.correction.kind === 'METER_DATA'
                        ? command.correction.samples
                        : (state.meterSamples ?? []),
                  }
                : facts,
            assignments: [{ tariffId: 'PT', effectiveFrom: facts.startedAt, sequence: 0 }],
            versions: inputs.versions
              .filter((v) => v.version === corrected.tariff.version)
              .map((v) => ({ ...v, validFrom: facts.startedAt })),
          });
          expect(engine.kind === 'rated' && engine.data.billable).toEqual(corrected.billable);
          billed.push(credit, corrected);
          state = evolveSessionRating(state, { type: 'SessionReRated', data: event });
        }
        const all = billed.reduce((s, cdr) => s.plus(total(cdr)), new Decimal(0));
        expect(all.eq(total(billed.at(-1) ?? first.data))).toBe(true);
      },
    ),
    { seed: SEED, numRuns: 150, endOnFailure: true },
  );
  expect(reRated).toBeGreaterThan(50);
});
