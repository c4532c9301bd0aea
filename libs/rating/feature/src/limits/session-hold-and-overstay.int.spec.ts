/**
 * Hold amounts and overstay fees, through NATS and Postgres. A starting session gets
 * SessionHoldAmountEstimated equal to a ceiling computed here from the tariff's prices
 * and the session's limits (or rating's defaults: 4 h, 80 kWh); a station without a
 * tariff, or an unknown one, gets SessionHoldAmountRefused with the final rating's code. A tariff version published with an overstay fee (v2) adds it to the
 * live cost and the SessionRated once the grace period after charging has passed, and
 * not before.
 */
import Decimal from 'decimal.js';
import {
  SessionRatedV1,
  StationTariffAssignedV1,
  TariffVersionPublishedV2,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents } from '../testing/session-events.builder';
import { isFinalRating, isLiveCost } from '../sessions/rating-events.testing';
import {
  holdAmounts,
  holdRefusals,
  operatorWithStation,
  PRICE_COMPONENTS,
  REGISTERED_AT,
  setLimits,
} from '../testing/session-limits.testing';
import { reacted, runThenEnd } from '../testing/session-reactions.testing';

const START = '2026-05-04T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000).toISOString();

let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

function chargingSession(operatorId: string, stationId: string): EventEnvelope[] {
  return sessionEvents(rating.suite.namespace, {
    operatorId,
    stationId,
    transactionId: `tx-${stationId}`,
    startedAt: START,
    meterStartWh: '0',
    samples: Array.from({ length: 30 }, (_, k) => ({
      sampledAt: at(k + 1),
      energyRegisterWh: String(Math.min(k + 1, 10) * 1_000),
    })),
    states: [
      { at: START, state: 'Charging' },
      { at: at(10), state: 'SuspendedEV' },
    ],
    endedAt: at(30),
    meterStopWh: '10000',
    chunk: 1,
  });
}

/**
 * PRICE_COMPONENTS at their worst for `durationS` and `energyWh`: the flat fee, energy
 * plus one Wh step, time plus one minute step; x 1.20 incl. VAT; up to the cent.
 */
function ceiling(durationS: number, energyWh: number) {
  const excl = new Decimal('0.50')
    .plus(new Decimal('0.30').times(new Decimal(energyWh + 1).div(1_000)))
    .plus(new Decimal('1.20').times(durationS + 60).div(3_600));
  const up = (amount: Decimal) => amount.toDecimalPlaces(2, Decimal.ROUND_UP).toFixed(2);
  return { amountExclVat: up(excl), amountInclVat: up(excl.times('1.20')) };
}

it("holds a session's ceiling under its limits, or rating's defaults, and refuses without a tariff", async () => {
  const op = 'op-hold';
  await operatorWithStation(rating, op, 'CP-H1');
  await operatorWithStation(rating, op, 'CP-H2');
  await rating.stationWithTariff(op, 'CP-H3', REGISTERED_AT);
  await setLimits(rating, op, 'station', 'CP-H1', { maxEnergyWh: 5_000 }, REGISTERED_AT);
  await setLimits(rating, op, 'tariff', 'T-CP-H1', { maxDurationS: 1_800 }, REGISTERED_AT);
  const sessions = ['CP-H1', 'CP-H2', 'CP-H3', 'CP-H4'].map((station) =>
    chargingSession(op, station),
  );
  for (const events of sessions) await rating.append(events);
  for (const events of sessions) await reacted(rating, events);

  const holds = (await holdAmounts(rating, op)).sort((a, b) =>
    a.stationId.localeCompare(b.stationId),
  );
  expect(holds.map((h) => h.stationId)).toEqual(['CP-H1', 'CP-H2']);
  expect(holds[0]).toEqual({
    sessionId: holds[0]?.sessionId,
    stationId: 'CP-H1',
    tokenRef: holds[0]?.tokenRef,
    tariff: { tariffId: 'T-CP-H1', version: 1 },
    currency: 'EUR',
    ...ceiling(1_800, 5_000),
    maxDurationS: { value: 1_800, source: 'limit' },
    maxEnergyWh: { value: 5_000, source: 'limit' },
  });
  expect(holds[1]).toMatchObject({
    ...ceiling(14_400, 80_000),
    maxDurationS: { value: 14_400, source: 'default' },
    maxEnergyWh: { value: 80_000, source: 'default' },
  });
  expect(holds.map((h) => h.amountExclVat)).toEqual(['2.63', '29.33']);
  const refusals = (await holdRefusals(rating, op)).sort((a, b) =>
    a.stationId.localeCompare(b.stationId),
  );
  expect(refusals.map((r) => [r.stationId, r.code, r.startedAt])).toEqual([
    ['CP-H3', 'RATING.NO_TARIFF_ASSIGNED', START],
    ['CP-H4', 'RATING.UNKNOWN_STATION', START],
  ]);
}, 60_000);

it('adds the overstay fee to the live cost and the rating after the grace period only', async () => {
  const op = 'op-overstay';
  await rating.stationWithTariff(op, 'CP-O', REGISTERED_AT);
  const stamp = { operatorId: op, aggregateId: 'T-O', time: REGISTERED_AT };
  await rating.publish(TariffVersionPublishedV2, stamp, {
    tariffId: 'T-O',
    version: 1,
    currency: 'EUR',
    validFrom: REGISTERED_AT,
    validTo: null,
    tariff: { id: 'T-O', currency: 'EUR', elements: [{ price_components: PRICE_COMPONENTS }] },
    ratingOptions: { overstay: { graceS: 600, pricePerHour: '6.00', vat: '20', stepS: 60 } },
  });
  await rating.publish(
    StationTariffAssignedV1,
    { ...stamp, aggregateId: 'CP-O' },
    { stationId: 'CP-O', tariffId: 'T-O' },
  );
  const events = chargingSession(op, 'CP-O');
  await runThenEnd(rating, events);

  const ofOp = (e: EventEnvelope) => e.operatorid === op;
  const costs = (await rating.ratings())
    .filter((e) => ofOp(e) && isLiveCost(e))
    .map((e) => e.data as { asOf: string; cost: { excl_vat: string } });
  // Charged 10 kWh in 10 minutes: 0.50 + 3.00 + 0.20; then 6.00/h after 10 idle minutes.
  const charged = new Decimal('3.70');
  const expected = (minute: number) =>
    charged.plus(new Decimal('6.00').times(Math.max(0, minute - 20) * 60).div(3_600));
  const seen = costs
    .filter((c) => Date.parse(c.asOf) >= Date.parse(at(10)))
    .map((c) => ({
      minute: (Date.parse(c.asOf) - Date.parse(START)) / 60_000,
      excl: new Decimal(c.cost.excl_vat),
    }));
  expect(seen.map((c) => c.minute)).toEqual(expect.arrayContaining([10, 15, 20, 21, 25, 30]));
  for (const { minute, excl } of seen)
    expect([minute, excl.toFixed()]).toEqual([minute, expected(minute).toFixed()]);

  const [rated] = (await rating.ratings()).filter((e) => ofOp(e) && isFinalRating(e));
  const { billable } = SessionRatedV1.schema.parse(rated?.data);
  expect(billable.lines.filter((l) => l.kind === 'OVERSTAY')).toMatchObject([
    { quantity: '600', excl_vat: '1.00', vat_amount: '0.20', incl_vat: '1.20' },
  ]);
  expect(billable.total.excl_vat).toBe('4.70');
}, 60_000);
