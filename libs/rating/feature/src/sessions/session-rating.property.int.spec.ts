/**
 * Property, against the engine as reference model: for random OCPI tariffs and sessions
 * (energy, power, charging and idle segments around DST changes, samples chunked and
 * sometimes published newest first) streamed through NATS, rating's CDR totals equal the
 * engine's direct rating of the same facts, its billable lines equal the direct
 * settlement with the operator's rounding mode, and the billable total is the sum of the
 * billable lines; the live cost the driver saw last (after the session's last meter
 * reading, its end) is that CDR total and that billable total. A session the engine
 * refuses is refused in the log too. The seed is
 * printed; rerun one with RATING_PROPERTY_SEED.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { z } from 'zod';
import {
  OperatorCreatedV1,
  ROUNDING_MODES,
  sessionIdOf,
  StationRegisteredV1,
  StationTariffAssignedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import {
  parseTariff,
  rate,
  RatingInputError,
  settle,
  splitIntoChargingPeriods,
  type MeterFacts,
  type RoundingMode,
} from '@chargeledger/rating/tariff';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents, type SessionSpec } from '../testing/session-events.builder';
import { isFinalRating, isLiveCost } from './rating-events.testing';

const SEED = Number(process.env['RATING_PROPERTY_SEED'] ?? Date.now() % 2 ** 31);
const REGISTERED_AT = '2024-01-01T00:00:00.000Z';
const STARTS = ['2024-03-30T22:00:00Z', '2024-10-26T22:00:00Z', '2024-07-12T20:00:00Z'];

const price = fc.integer({ min: 0, max: 500 }).map((c) => (c / 100).toFixed(2));
const hhmm = fc
  .integer({ min: 0, max: 47 })
  .map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 === 0 ? '00' : '30'}`);
const component = (type: string) =>
  fc.record({
    type: fc.constant(type),
    price,
    vat: fc.constantFrom(0, 21),
    step_size: fc.constantFrom(0, 1, 60, 300),
  });
const tariffElements = fc.array(
  fc.record(
    {
      price_components: fc
        .uniqueArray(fc.constantFrom('FLAT', 'ENERGY', 'TIME', 'PARKING_TIME'), {
          minLength: 1,
          maxLength: 3,
        })
        .chain((types) => fc.tuple(...types.map(component))),
      restrictions: fc.record(
        {
          start_time: hhmm,
          end_time: hhmm,
          min_kwh: fc.integer({ min: 0, max: 20 }),
          max_power: fc.integer({ min: 1, max: 150 }),
          day_of_week: fc.subarray(['FRIDAY', 'SATURDAY', 'SUNDAY']),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['price_components'] },
  ),
  { minLength: 1, maxLength: 3 },
);
const segment = fc.record({
  minutes: fc.integer({ min: 1, max: 60 }),
  whPerMinute: fc.integer({ min: 0, max: 600 }),
  charging: fc.boolean(),
  powerKw: fc.integer({ min: 1, max: 150 }),
});
const aCase = fc.record({
  elements: tariffElements,
  timeZone: fc.constantFrom('Europe/Amsterdam', 'America/New_York', 'Asia/Tokyo'),
  startMs: fc
    .constantFrom(...STARTS.map((s) => Date.parse(s)))
    .chain((base) => fc.integer({ min: 0, max: 8 * 60 }).map((m) => base + m * 60_000)),
  segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
  chunk: fc.integer({ min: 1, max: 20 }),
  newestFirst: fc.boolean(),
});
type Case = typeof aCase extends fc.Arbitrary<infer C> ? C : never;

interface Built {
  readonly spec: SessionSpec;
  readonly facts: MeterFacts;
}

/** The case as ingestion's events and as the engine's meter facts, from the same numbers. */
function build(c: Case, operatorId: string, stationId: string): Built {
  const at = (minute: number) => new Date(c.startMs + minute * 60_000).toISOString();
  const minutes = c.segments.flatMap((s) => Array.from({ length: s.minutes }, () => s));
  let register = 73_215;
  const registers = minutes.map((s) => (register += s.charging ? s.whPerMinute : 0));
  const samples = registers.slice(0, -1).map((wh, index) => ({
    sampledAt: at(index + 1),
    energyRegisterWh: String(wh),
    powerW: String((minutes[index]?.powerKw ?? 0) * 1000),
  }));
  let offset = 0;
  const states = c.segments.map((s) => {
    const change = { at: at(offset), charging: s.charging };
    offset += s.minutes;
    return change;
  });
  const [startedAt, endedAt] = [at(0), at(minutes.length)];
  const meterStopWh = String(registers.at(-1) ?? 73_215);
  return {
    spec: {
      operatorId,
      stationId,
      transactionId: `tx-${stationId}`,
      startedAt,
      meterStartWh: '73215',
      samples,
      states: states.map((s) => ({ at: s.at, state: s.charging ? 'Charging' : 'SuspendedEV' })),
      endedAt,
      meterStopWh,
      chunk: c.chunk,
      samplesNewestFirst: c.newestFirst,
    },
    facts: {
      startedAt,
      endedAt,
      readings: [
        { at: startedAt, energyWh: '73215' },
        ...samples.map((s) => ({
          at: s.sampledAt,
          energyWh: s.energyRegisterWh,
          powerKw: new Decimal(s.powerW).div(1000).toFixed(),
        })),
        { at: endedAt, energyWh: meterStopWh },
      ],
      stateChanges: states,
    },
  };
}

/** The engine's own rating of the facts, or undefined when it refuses them. */
function reference(tariff: unknown, facts: MeterFacts, timeZone: string, mode: RoundingMode) {
  try {
    const parsed = parseTariff(tariff);
    const rated = rate(splitIntoChargingPeriods(facts, parsed, timeZone), parsed, { timeZone });
    return JSON.parse(
      JSON.stringify({ totals: rated.totals, billable: settle(rated, { roundingMode: mode }) }),
    ) as unknown;
  } catch (error) {
    if (error instanceof RatingInputError) return undefined;
    throw error;
  }
}

const sum = (values: readonly (string | undefined)[]) =>
  values.reduce((total, v) => total.plus(v ?? '0'), new Decimal(0)).toFixed();
const billableOf = z.object({
  lines: z.array(z.object({ excl_vat: z.string(), incl_vat: z.string().optional() })),
  total: z.object({ excl_vat: z.string(), incl_vat: z.string().optional() }),
});

const cdrPrice = z.object({ excl_vat: z.string(), incl_vat: z.string().optional() });
const totalCostOf = z.object({ total_cost: cdrPrice });
const liveCostOf = z.object({
  cost: cdrPrice,
  billableExclVat: z.string(),
  billableInclVat: z.string().optional(),
});

let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

it('rates streamed sessions as the engine rates their facts, and bills the sum of its lines', async () => {
  let run = 0;
  let published = 0;
  process.stdout.write(`session-rating property: seed ${SEED}\n`);
  await fc.assert(
    fc.asyncProperty(
      fc.array(aCase, { minLength: 3, maxLength: 6 }),
      fc.constantFrom(...ROUNDING_MODES),
      async (cases, roundingMode) => {
        run += 1;
        const operatorId = `op-prop-${run}`;
        const at = (aggregateId: string) => ({ operatorId, aggregateId, time: REGISTERED_AT });
        await rating.publish(OperatorCreatedV1, at(operatorId), {
          operatorId,
          name: 'Property Charging',
          settings: { currency: 'EUR', roundingMode, defaultVatRatePercent: '21' },
        });
        const built = [];
        for (const [index, c] of cases.entries()) {
          const [stationId, tariffId] = [`ps-${run}-${index}`, `PT-${run}-${index}`];
          const tariff = { id: tariffId, currency: 'EUR', elements: c.elements };
          await rating.publish(StationRegisteredV1, at(stationId), {
            stationId,
            siteId: 'site-1',
            ocppVersion: '2.0.1',
            timeZone: c.timeZone,
            evses: [
              {
                evseId: 1,
                connectors: [{ connectorId: 1, powerType: 'DC', maxPowerW: 150_000 }],
              },
            ],
            credentialsRef: `station-${stationId}`,
          });
          await rating.publish(StationTariffAssignedV1, at(stationId), { stationId, tariffId });
          await rating.publishTariffVersion(
            operatorId,
            {
              tariffId,
              version: 1,
              currency: 'EUR',
              validFrom: REGISTERED_AT,
              validTo: null,
              tariff,
            },
            REGISTERED_AT,
          );
          const session = build(c, operatorId, stationId);
          built.push({
            sessionId: sessionIdOf(operatorId, stationId, session.spec.transactionId),
            expected: reference(tariff, session.facts, c.timeZone, roundingMode),
          });
          await rating.append(sessionEvents(rating.suite.namespace, session.spec));
        }
        published += cases.length;
        const events = await rating.waitForStreamEvents(
          'EVT_RATING',
          published,
          isFinalRating,
          60_000,
        );
        const sessionOf = (e: EventEnvelope) =>
          z.object({ sessionId: z.string() }).parse(e.data).sessionId;
        const byId = new Map<string, EventEnvelope>(events.map((e) => [sessionOf(e), e]));
        // In stream order, so the map keeps each session's last live cost.
        const lastLiveCost = new Map(
          (await rating.streamEvents('EVT_RATING', isLiveCost)).map((e) => [
            sessionOf(e),
            liveCostOf.parse(e.data),
          ]),
        );
        for (const { sessionId, expected } of built) {
          const event = byId.get(sessionId);
          if (expected === undefined) {
            expect(event?.data).toMatchObject({ code: 'RATING.UNRATABLE_SESSION' });
            continue;
          }
          expect(event?.type).toBe('chargeledger.rating.SessionRated.v1');
          const data = z.object({ totals: z.unknown(), billable: z.unknown() }).parse(event?.data);
          expect({ totals: data.totals, billable: data.billable }).toEqual(expected);
          const billable = billableOf.parse(data.billable);
          expect(sum(billable.lines.map((l) => l.excl_vat))).toBe(
            new Decimal(billable.total.excl_vat).toFixed(),
          );
          if (billable.total.incl_vat !== undefined)
            expect(sum(billable.lines.map((l) => l.incl_vat))).toBe(
              new Decimal(billable.total.incl_vat).toFixed(),
            );
          const totals = totalCostOf.parse(data.totals);
          for (const e of await rating.streamEvents('EVT_RATING'))
            if (JSON.stringify(e.data).includes(sessionId))
              process.stdout.write(
                `${e.type} ${e.causationid} ${JSON.stringify(e.data).slice(0, 160)}\n`,
              );
          expect(lastLiveCost.get(sessionId)).toEqual({
            cost: totals.total_cost,
            billableExclVat: billable.total.excl_vat,
            billableInclVat: billable.total.incl_vat,
          });
        }
      },
    ),
    { seed: SEED, numRuns: 4, endOnFailure: true },
  );
}, 300_000);
