/**
 * Points redeemed for credit reduce a member's later bills on real NATS and Postgres: the
 * credit (points x the programme's point value) comes off the next rated sessions as a
 * DISCOUNT line, never below zero, each part once, recorded as LoyaltyCreditApplied, even
 * with two sessions rated together and a SessionEnded delivered again past the duplicate
 * window (the re-run publishes the same bill).
 */
import Decimal from 'decimal.js';
import { nanos } from 'nats';
import { z } from 'zod';
import {
  LoyaltyCreditAppliedV1,
  LoyaltyCreditUseCorrectedV1,
  LoyaltyMembershipJoinedV1,
  LoyaltyPointsRedeemedForCreditV1,
  SessionRatedV1,
  SessionReRatedV1,
  tokenRefOf,
  TokenIssuedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { RATING_SESSION_RATINGS_CONSUMER } from '../rating.workers';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents, type SessionSpec } from '../testing/session-events.builder';

const OP = 'op-credit';
const T0 = '2026-03-01T00:00:00.000Z';
const DRIVER = '6c1f9b2d-3a4e-4d6c-8b7f-000000000005';
const TOKEN = tokenRefOf(OP, '04A1B2D5');
let rating: RatingFixture;
const at = (aggregateId: string, time = T0) => ({ operatorId: OP, aggregateId, time });

beforeAll(async () => {
  rating = await startRating();
  await rating.stationWithTariff(OP, 'CP-C', T0, [
    { type: 'FLAT', price: '1.00', vat: 21, step_size: 0 },
    { type: 'ENERGY', price: '0.40', vat: 21, step_size: 1 },
  ]);
  await rating.publish(TokenIssuedV1, at(TOKEN), {
    tokenId: TOKEN,
    uid: '04A1B2D5',
    type: 'RFID',
    accountId: '5b0e8a1c-2f3d-4c5b-9a6e-7d8f9a0b1c2d',
    driverId: DRIVER,
    expiresAt: null,
  });
  await rating.publish(LoyaltyMembershipJoinedV1, at(DRIVER), { driverId: DRIVER, tier: 'BASIC' });
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

function session(transactionId: string, startedAt: string): SessionSpec {
  const at = (minutes: number) => new Date(Date.parse(startedAt) + minutes * 60_000).toISOString();
  return {
    operatorId: OP,
    stationId: 'CP-C',
    transactionId,
    tokenRef: TOKEN,
    startedAt: at(0),
    meterStartWh: '1000',
    samples: [],
    states: [{ at: at(0), state: 'Charging' }],
    endedAt: at(60),
    meterStopWh: '21000', // 20 kWh: 1 + 8 = 9.00 excl. VAT, 10.89 incl.
  };
}

const creditUses = async () =>
  (await rating.streamEvents('EVT_RATING'))
    .filter((e) => e.type === LoyaltyCreditAppliedV1.type)
    .map((e) => LoyaltyCreditAppliedV1.schema.parse(e.data));
const rated = (events: EventEnvelope[]) =>
  events
    .filter((e) => e.type === SessionRatedV1.type)
    .map((e) => SessionRatedV1.schema.parse(e.data));

it('takes redeemed credit off the next bills once, never below zero', async () => {
  const defined = await rating.call('PUT', `/v1/operators/${OP}/loyalty-programme`, {
    tiers: [],
    pointValue: { amount: '0.01', currency: 'EUR' },
  });
  expect(defined.status).toBe(200);
  const definedAt = Date.parse(z.object({ definedAt: z.string() }).parse(defined.body).definedAt);
  await rating.publish(
    LoyaltyPointsRedeemedForCreditV1,
    at(DRIVER, new Date(definedAt + 1_000).toISOString()),
    { driverId: DRIVER, points: 1_200 }, // 12.00 EUR
  );
  const start = new Date(definedAt + 60_000).toISOString();
  const first = sessionEvents(rating.suite.namespace, session('tx-c1', start));
  const second = sessionEvents(rating.suite.namespace, session('tx-c2', start));
  await rating.append([...first, ...second]);
  const bills = rated(await rating.waitForRatings(4)).map((r) => r.billable);
  const credits = bills.map((b) =>
    b.lines.filter((l) => l.kind === 'DISCOUNT').map((l) => l.excl_vat),
  );
  // One bill takes 9.00 (down to zero), the other the 3.00 left; which one is rating's order.
  expect(credits.flat().sort()).toEqual(['-3.00', '-9.00']);
  expect(bills.map((b) => b.total.excl_vat).sort()).toEqual(['0.00', '6.00']);
  for (const bill of bills)
    expect(new Decimal(bill.total.incl_vat ?? '-1').isNegative()).toBe(false);
  const uses = await creditUses();
  expect(uses.map((u) => u.amount.amount).sort()).toEqual(['3.00', '9.00']);

  // A crash after the first session's bill was published, before the reactor recorded its
  // SessionEnded; then that end again past the duplicate window (shortened to 1 s for this
  // suite's rating stream): the re-run republishes the very same bill and spends nothing.
  const jsm = await rating.connection.jetstreamManager();
  const stream = `${rating.suite.namespace.streamPrefix}EVT_RATING`;
  const { config } = await jsm.streams.info(stream);
  await jsm.streams.update(stream, { ...config, duplicate_window: nanos(1_000) });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const ended = first.at(-1);
  if (ended === undefined) throw new Error('no SessionEnded');
  await rating.query('DELETE FROM processed_events WHERE consumer = $1 AND event_id = $2', [
    RATING_SESSION_RATINGS_CONSUMER,
    ended.id,
  ]);
  await rating.append([ended], `${ended.id}-again`);
  const again = await rating.waitForRatings(6);
  const { sessionId } = z.object({ sessionId: z.string() }).parse(ended.data);
  const copies = again.filter(
    (e) =>
      e.type === SessionRatedV1.type && SessionRatedV1.schema.parse(e.data).sessionId === sessionId,
  );
  expect(copies).toHaveLength(2);
  expect(copies[1]?.id).toBe(copies[0]?.id);
  expect(copies[1]?.data).toEqual(copies[0]?.data);
  // A later session finds no credit left.
  await rating.append(sessionEvents(rating.suite.namespace, session('tx-c3', start)));
  const third = rated(await rating.waitForRatings(8)).at(-1);
  expect(third?.billable.lines.some((l) => l.kind === 'DISCOUNT')).toBe(false);
  expect(third?.billable.total.excl_vat).toBe('9.00');
  expect(await creditUses()).toHaveLength(2);
}, 60_000);

it('takes the same credit off the corrected bill when a credited session is re-rated', async () => {
  const used = (await creditUses()).find((use) => use.amount.amount === '3.00');
  if (used === undefined) throw new Error('the first test did not run');
  const bill = rated(await rating.streamEvents('EVT_RATING')).find(
    (r) => r.sessionId === used.sessionId,
  );
  if (bill === undefined) throw new Error('the credited session was not rated');
  // The same energy as rated, with a reading half-way: the same 9.00 before credit.
  const sampledAt = new Date(Date.parse(bill.startedAt) + 30 * 60_000).toISOString();
  const reply = await rating.call(
    'POST',
    `/v1/operators/${OP}/sessions/${used.sessionId}/re-ratings`,
    {
      reason: 'METER_ERROR',
      correction: { kind: 'METER_DATA', samples: [{ sampledAt, energyRegisterWh: '11000' }] },
    },
  );
  expect(reply.status).toBe(201);
  const [reRated] = (await rating.streamEvents('EVT_RATING'))
    .filter((e) => e.type === SessionReRatedV1.type)
    .map((e) => SessionReRatedV1.schema.parse(e.data));
  expect(reRated?.credit.billable.total.excl_vat).toBe('-6.00');
  expect(reRated?.corrected.billable.total.excl_vat).toBe('6.00');
  expect(reRated?.corrected.billable.lines.filter((l) => l.kind === 'DISCOUNT')).toEqual([
    expect.objectContaining({ excl_vat: '-3.00' }),
  ]);
  expect(reRated?.delta.excl_vat).toBe('0.00');
  expect(await creditUses()).toHaveLength(2);
}, 60_000);

it('gives the member back the credit a re-rated bill no longer takes', async () => {
  const used = (await creditUses()).find((use) => use.amount.amount === '9.00');
  if (used === undefined) throw new Error('the first test did not run');
  // Version 2 of the station's tariff, for the correction only: 1.00 + 20 kWh x 0.10.
  await rating.publishTariffVersion(
    OP,
    {
      tariffId: 'T-CP-C',
      version: 2,
      currency: 'EUR',
      validFrom: '2030-01-01T00:00:00.000Z',
      validTo: null,
      tariff: {
        id: 'T-CP-C',
        currency: 'EUR',
        elements: [
          {
            price_components: [
              { type: 'FLAT', price: '1.00', vat: 21, step_size: 0 },
              { type: 'ENERGY', price: '0.10', vat: 21, step_size: 1 },
            ],
          },
        ],
      },
    },
    T0,
  );
  const reply = await rating.call(
    'POST',
    `/v1/operators/${OP}/sessions/${used.sessionId}/re-ratings`,
    {
      reason: 'TARIFF_ERROR',
      correction: { kind: 'TARIFF_VERSION', tariffId: 'T-CP-C', version: 2 },
    },
  );
  expect(reply.status).toBe(201);
  const reRated = (await rating.streamEvents('EVT_RATING'))
    .filter((e) => e.type === SessionReRatedV1.type)
    .map((e) => SessionReRatedV1.schema.parse(e.data))
    .find((r) => r.sessionId === used.sessionId);
  // The corrected bill is 3.00 before credit: it takes 3.00 of the 9.00 the first took.
  expect(reRated?.corrected.billable.lines.filter((l) => l.kind === 'DISCOUNT')).toEqual([
    expect.objectContaining({ excl_vat: '-3.00' }),
  ]);
  expect(reRated?.corrected.billable.total.excl_vat).toBe('0.00');
  const corrections = (await rating.streamEvents('EVT_RATING'))
    .filter((e) => e.type === LoyaltyCreditUseCorrectedV1.type)
    .map((e) => LoyaltyCreditUseCorrectedV1.schema.parse(e.data));
  expect(corrections).toEqual([
    { driverId: DRIVER, sessionId: used.sessionId, amount: { amount: '3.00', currency: 'EUR' } },
  ]);

  // The 6.00 given back comes off the member's next bill.
  const start = new Date(Date.now() - 3 * 3_600_000).toISOString();
  const ratedBefore = (await rating.ratings()).length;
  await rating.append(sessionEvents(rating.suite.namespace, session('tx-c4', start)));
  const next = rated(await rating.waitForRatings(ratedBefore + 1)).at(-1);
  expect(next?.billable.lines.filter((l) => l.kind === 'DISCOUNT')).toEqual([
    expect.objectContaining({ excl_vat: '-6.00' }),
  ]);
  expect(next?.billable.total.excl_vat).toBe('3.00');
}, 60_000);
