/**
 * The running cost of open sessions through NATS and Postgres: meter values every 30 s
 * of station time give at most one SessionCostUpdated per minute (and one at the end),
 * the cost rises with the energy, the live cost of the full facts equals the bill of
 * SessionRated, and a station without a tariff gets no live cost. A session that has
 * ended gets no running cost any more, so the sessions run before they end, as at a station.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import {
  MeterValuesRecordedV1,
  SessionCostUpdatedV1,
  SessionEndedV1,
  sessionIdOf,
  SessionRatedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents, type SessionSpec } from '../testing/session-events.builder';
import { isFinalRating, isLiveCost } from './rating-events.testing';

const OP = 'op-live';
const REGISTERED_AT = '2025-01-01T00:00:00.000Z';
const SAMPLE_EVERY_S = 30;
/** With the default 60 s interval: readings at 30, 60, 120, 180, 240 and 300 s. */
const DUE_AFTER_S = [30, 60, 120, 180, 240, 300];

let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

function station(stationId: string, tariff?: { energy: string; hour: string }) {
  return rating.stationWithTariff(
    OP,
    stationId,
    REGISTERED_AT,
    tariff && [
      { type: 'FLAT', price: '0.35', vat: 20, step_size: 0 },
      { type: 'ENERGY', price: tariff.energy, vat: 20, step_size: 1 },
      { type: 'TIME', price: tariff.hour, vat: 20, step_size: 60 },
    ],
  );
}

/** Ten readings 30 s apart, the last one at the end with the meter stop. */
function session(stationId: string, startedAt: string, whPerReading: readonly number[]) {
  const startMs = Date.parse(startedAt);
  const at = (s: number) => new Date(startMs + s * 1_000).toISOString();
  const registers = whPerReading.map((_, k) =>
    String(5_000 + whPerReading.slice(0, k + 1).reduce((a, b) => a + b, 0)),
  );
  const spec: SessionSpec = {
    operatorId: OP,
    stationId,
    transactionId: `tx-${stationId}`,
    startedAt,
    meterStartWh: '5000',
    samples: registers.map((wh, k) => ({
      sampledAt: at((k + 1) * SAMPLE_EVERY_S),
      energyRegisterWh: wh,
    })),
    states: [{ at: startedAt, state: 'Charging' }],
    endedAt: at(registers.length * SAMPLE_EVERY_S),
    meterStopWh: registers.at(-1) ?? '5000',
    chunk: 1,
  };
  return { spec, sessionId: sessionIdOf(OP, stationId, spec.transactionId), at };
}

const ofSession = (sessionId: string, events: readonly EventEnvelope[]) =>
  events.filter((e) => z.object({ sessionId: z.string() }).parse(e.data).sessionId === sessionId);

describe('running cost of open sessions through NATS and Postgres', () => {
  const readings = [
    [400, 410, 380, 405, 420, 300, 390, 401, 399, 333],
    [90, 0, 0, 120, 250, 250, 251, 1, 0, 77],
    [1_234, 1_111, 999, 1_000, 1_001, 987, 1_100, 1_050, 1_020, 1_003],
  ];
  const tariffs = [
    { energy: '0.39', hour: '2.40' },
    { energy: '0.555', hour: '0.00' },
    { energy: '0.29', hour: '6.00' },
  ];
  const sessions = readings.map((wh, n) =>
    session(`LC-${n}`, `2025-06-0${n + 2}T08:00:00.000Z`, wh),
  );

  it('publishes a throttled, rising live cost whose value for the full facts is the bill', async () => {
    for (const [n, tariff] of tariffs.entries()) await station(`LC-${n}`, tariff);
    await station('LC-FREE');
    const untariffed = session('LC-FREE', '2025-06-05T08:00:00.000Z', readings[0] ?? []);
    // As stations report: the sessions run (6 live costs each), then they end.
    const feeds = [...sessions, untariffed].map(({ spec }) =>
      sessionEvents(rating.suite.namespace, spec),
    );
    for (const events of feeds) await rating.append(events.slice(0, -1));
    await rating.waitForRatings(sessions.length * 6, 60_000);
    for (const events of feeds) await rating.append(events.slice(-1));

    // Per tariffed session: 6 live costs from meter values, 1 at the end, SessionRated.
    const events = await rating.waitForRatings(sessions.length * 8 + 1, 60_000);
    expect(ofSession(untariffed.sessionId, events).map((e) => e.type)).toEqual([
      'chargeledger.rating.SessionRatingRefused.v1',
    ]);
    for (const { sessionId, at, spec } of sessions) {
      const mine = ofSession(sessionId, events);
      const rated = SessionRatedV1.schema.parse(mine.find(isFinalRating)?.data);
      const causes = new Map(
        sessionEvents(rating.suite.namespace, spec).map((e) => [e.id, e.type] as const),
      );
      const costsBy = (type: string) =>
        mine
          .filter((e) => isLiveCost(e) && causes.get(e.causationid ?? '') === type)
          .map((e) => SessionCostUpdatedV1.schema.parse(e.data))
          .sort((a, b) => Date.parse(a.asOf) - Date.parse(b.asOf));
      const live = costsBy(MeterValuesRecordedV1.type);
      const atEnd = costsBy(SessionEndedV1.type);
      expect(mine.filter(isLiveCost)).toHaveLength(7);
      expect(live.map((c) => c.asOf)).toEqual(DUE_AFTER_S.map(at));
      for (const [k, cost] of live.entries())
        expect(new Decimal(cost.cost.excl_vat).gte(live[k - 1]?.cost.excl_vat ?? 0)).toBe(true);
      expect(new Decimal(live[0]?.cost.excl_vat ?? 0).lt(live[5]?.cost.excl_vat ?? 0)).toBe(true);
      const bill = {
        sessionId,
        asOf: spec.endedAt,
        energyWh: new Decimal(spec.meterStopWh).minus(spec.meterStartWh).toFixed(),
        tariff: rated.tariff,
        cost: rated.totals.total_cost,
        billableExclVat: rated.billable.total.excl_vat,
        billableInclVat: rated.billable.total.incl_vat,
      };
      expect(live.at(-1)).toEqual(bill);
      expect(atEnd).toEqual([bill]);
    }
  }, 90_000);
});
