/**
 * Member prices and loyalty on real NATS and Postgres: a driver in a group at the
 * session's start is rated (live and final) with the group's tariff, a non-member and a
 * driver added after the start with the station's, and so is a session started without
 * a token whose member presents it only in the message that ends it, and a member of a
 * group priced at the station's site; a loyalty member's tier in effect at
 * the start gets the programme's discount exactly as the engine run directly gives it,
 * and the rated session accrues its points once, even when its SessionEnded is handled
 * again after a crash (the re-run derives the same id).
 */
import { z } from 'zod';
import {
  DriverAddedToGroupV1,
  DriverGroupCreatedV1,
  DriverGroupTariffAssignedV1,
  DriverGroupTariffAssignedV2,
  LoyaltyMembershipJoinedV1,
  LoyaltyPointsAccruedV1,
  SessionCostUpdatedV1,
  SessionEndedV1,
  SessionRatedV1,
  SessionTokenPresentedV1,
  sessionIdOf,
  tokenRefOf,
  TokenIssuedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { parseTariff, rate, settle, splitIntoChargingPeriods } from '@chargeledger/rating/tariff';
import { meterFactsOf } from '@chargeledger/rating/domain';
import { RATING_SESSION_RATINGS_CONSUMER } from '../rating.workers';
import { runThenEnd } from '../testing/session-reactions.testing';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents, type SessionSpec } from '../testing/session-events.builder';

const OP = 'op-member';
const T0 = '2026-03-01T00:00:00.000Z';
const ACCOUNT = '5b0e8a1c-2f3d-4c5b-9a6e-7d8f9a0b1c2d';
const driver = (n: number) => `6c1f9b2d-3a4e-4d6c-8b7f-00000000000${n}`;
const PUBLIC = [
  { type: 'FLAT', price: '1.00', vat: 21, step_size: 0 },
  { type: 'ENERGY', price: '0.40', vat: 21, step_size: 1 },
];
const FLEET_TARIFF = {
  id: 'FLEET',
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: '0.25', vat: 21, step_size: 1 }] }],
};

let rating: RatingFixture;
const at = (aggregateId: string, time = T0) => ({ operatorId: OP, aggregateId, time });

beforeAll(async () => {
  rating = await startRating();
  await rating.stationWithTariff(OP, 'CP-M', T0, PUBLIC);
  await rating.publishTariffVersion(
    OP,
    {
      tariffId: 'FLEET',
      version: 1,
      currency: 'EUR',
      validFrom: T0,
      validTo: null,
      tariff: FLEET_TARIFF,
    },
    T0,
  );
  for (const n of [1, 2, 3, 4]) {
    const tokenId = tokenRefOf(OP, `04A1B2C${n}`);
    await rating.publish(TokenIssuedV1, at(tokenId), {
      tokenId,
      uid: `04A1B2C${n}`,
      type: 'RFID',
      accountId: ACCOUNT,
      driverId: driver(n),
      expiresAt: null,
    });
  }
  await rating.publish(DriverGroupCreatedV1, at('fleet'), { groupId: 'fleet' });
  await rating.publish(DriverAddedToGroupV1, at('fleet'), {
    groupId: 'fleet',
    driverId: driver(1),
  });
  await rating.publish(DriverGroupTariffAssignedV1, at('fleet'), {
    groupId: 'fleet',
    tariffId: 'FLEET',
    stationId: null,
  });
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

function session(n: number, transactionId: string, startedAt: string): SessionSpec {
  const at = (minutes: number) => new Date(Date.parse(startedAt) + minutes * 60_000).toISOString();
  return {
    operatorId: OP,
    stationId: 'CP-M',
    transactionId,
    tokenRef: tokenRefOf(OP, `04A1B2C${n}`),
    startedAt: at(0),
    meterStartWh: '1000',
    samples: [{ sampledAt: at(30), energyRegisterWh: '11000', powerW: '20000' }],
    states: [{ at: at(0), state: 'Charging' }],
    endedAt: at(60),
    meterStopWh: '21000',
  };
}

const dataOf = (events: EventEnvelope[], type: string, spec: SessionSpec) => {
  const sessionId = sessionIdOf(OP, spec.stationId, spec.transactionId);
  return events
    .filter((e) => e.type === type)
    .map((e) => e.data)
    .filter((d) => z.object({ sessionId: z.string() }).parse(d).sessionId === sessionId);
};
const ratedOf = (events: EventEnvelope[], spec: SessionSpec) =>
  dataOf(events, SessionRatedV1.type, spec).map((d) => SessionRatedV1.schema.parse(d));

it("rates a group member with the group's tariff, live and final; others with the station's", async () => {
  const start = '2026-03-02T08:00:00.000Z';
  const member = session(1, 'tx-member', start);
  const outsider = session(2, 'tx-outsider', start);
  const lateJoiner = session(3, 'tx-late', start);
  await rating.publish(DriverAddedToGroupV1, at('fleet', '2026-03-02T08:10:00.000Z'), {
    groupId: 'fleet',
    driverId: driver(3),
  });
  for (const spec of [member, outsider, lateJoiner])
    await runThenEnd(rating, sessionEvents(rating.suite.namespace, spec));
  const events = await rating.waitForRatings(9);
  const tariffOf = (spec: SessionSpec) => ratedOf(events, spec).map((r) => r.tariff.tariffId);
  expect(tariffOf(member)).toEqual(['FLEET']);
  expect(tariffOf(outsider)).toEqual(['T-CP-M']);
  expect(tariffOf(lateJoiner)).toEqual(['T-CP-M']);
  const live = dataOf(events, SessionCostUpdatedV1.type, member).map(
    (d) => SessionCostUpdatedV1.schema.parse(d).tariff.tariffId,
  );
  expect(live).toEqual(['FLEET', 'FLEET']);
  // 20 kWh at 0.25 = 5.00 excl. VAT
  expect(ratedOf(events, member)[0]?.billable.total).toEqual({
    excl_vat: '5.00',
    vat_amount: '1.05',
    incl_vat: '6.05',
  });
}, 60_000);

it("rates a session started without a token with the group's tariff once its member presents one at the end", async () => {
  const member = {
    ...session(1, 'tx-token-at-end', '2026-03-03T08:00:00.000Z'),
    tokenPresentedAt: '2026-03-03T09:00:00.000Z',
  };
  const events = sessionEvents(rating.suite.namespace, member);
  expect(events.map((e) => e.type).slice(-2)).toEqual([
    SessionTokenPresentedV1.type,
    SessionEndedV1.type,
  ]);
  expect(events[0]?.data).not.toHaveProperty('tokenRef');
  const before = (await rating.ratings()).length;
  await runThenEnd(rating, events);
  const [rated] = ratedOf(await rating.waitForRatings(before + 3), member);
  // charged to the member's token: the group's tariff, 20 kWh at 0.25
  expect(rated?.tariff.tariffId).toBe('FLEET');
  expect(rated?.tokenRef).toBe(member.tokenRef);
  expect(rated?.billable.total).toEqual({ excl_vat: '5.00', vat_amount: '1.05', incl_vat: '6.05' });
}, 60_000);

it("rates a member of a group priced at the station's site with that group's tariff", async () => {
  const crewAt = at('site-crew', '2026-03-03T00:00:00.000Z');
  await rating.publish(DriverGroupCreatedV1, crewAt, { groupId: 'site-crew' });
  await rating.publish(DriverAddedToGroupV1, crewAt, { groupId: 'site-crew', driverId: driver(2) });
  // the fixture registers every station at site-1
  await rating.publish(DriverGroupTariffAssignedV2, crewAt, {
    groupId: 'site-crew',
    tariffId: 'FLEET',
    stationId: null,
    siteId: 'site-1',
  });
  const crew = session(2, 'tx-site-crew', '2026-03-04T08:00:00.000Z');
  const before = (await rating.ratings()).length;
  await runThenEnd(rating, sessionEvents(rating.suite.namespace, crew));
  const [rated] = ratedOf(await rating.waitForRatings(before + 3), crew);
  expect(rated?.tariff.tariffId).toBe('FLEET');
  expect(rated?.billable.total).toEqual({ excl_vat: '5.00', vat_amount: '1.05', incl_vat: '6.05' });
}, 60_000);

it("discounts a member's session by its tier exactly as the engine does, and accrues points once", async () => {
  const defined = await rating.call('PUT', `/v1/operators/${OP}/loyalty-programme`, {
    tiers: [
      { tier: 'SILVER', percentOff: '5', pointsPerCurrencyUnit: 1 },
      { tier: 'GOLD', freeKwh: '2.5', percentOff: '12.5', pointsPerCurrencyUnit: 2 },
    ],
  });
  expect(defined).toMatchObject({
    status: 200,
    body: { tiers: [{ tier: 'SILVER' }, { tier: 'GOLD' }] },
  });
  const definedAt = z.object({ definedAt: z.string() }).parse(defined.body).definedAt;
  await rating.publish(LoyaltyMembershipJoinedV1, at(driver(4), T0), {
    driverId: driver(4),
    tier: 'GOLD',
  });
  const start = new Date(Date.parse(definedAt) + 1_000).toISOString();
  const gold = session(4, 'tx-gold', start);
  const events = sessionEvents(rating.suite.namespace, gold);
  const before = (await rating.ratings()).length;
  await runThenEnd(rating, events);
  const ratings = await rating.waitForRatings(before + 3);
  const [rated] = ratedOf(ratings, gold);
  const tariff = parseTariff({
    id: 'T-CP-M',
    currency: 'EUR',
    elements: [{ price_components: PUBLIC }],
  });
  const cdr = splitIntoChargingPeriods(
    meterFactsOf({
      ...gold,
      sessionId: rated?.sessionId ?? '',
      stateChanges: [{ changedAt: start, chargingState: 'Charging' }],
    }),
    tariff,
    'Europe/Paris',
  );
  const direct = rate(cdr, tariff, {
    timeZone: 'Europe/Paris',
    options: { loyalty: { freeKwh: '2.5', percentOff: '12.5' } },
  });
  expect(rated?.totals).toEqual(direct.totals);
  expect(rated?.billable).toEqual(settle(direct, { roundingMode: 'HALF_UP' }));
  // 1 + 20 x 0.40 = 9; 2.5 kWh free = -1; 12.5% of 8 = -1: 7 excl., 8.47 incl.
  expect(rated?.billable.total).toEqual({ excl_vat: '7.00', vat_amount: '1.47', incl_vat: '8.47' });

  // A crash after publishing, before the reactor recorded the SessionEnded; then a copy of
  // it past the window: the re-run derives the same accrual id, which the stream dedupes.
  const ended = events.at(-1);
  if (ended === undefined) throw new Error('no SessionEnded');
  const processed = async () =>
    z
      .array(z.object({ n: z.coerce.number() }))
      .parse(
        await rating.query(
          'SELECT count(*) AS n FROM processed_events WHERE consumer = $1 AND event_id = $2',
          [RATING_SESSION_RATINGS_CONSUMER, ended.id],
        ),
      )[0]?.n;
  await rating.query('DELETE FROM processed_events WHERE consumer = $1 AND event_id = $2', [
    RATING_SESSION_RATINGS_CONSUMER,
    ended.id,
  ]);
  await rating.append([ended], `${ended.id}-again`);
  const deadline = Date.now() + 15_000;
  while ((await processed()) !== 1) {
    if (Date.now() > deadline) throw new Error('the copy was not handled');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const accruals = (await rating.streamEvents('EVT_RATING')).filter(
    (e) => e.type === LoyaltyPointsAccruedV1.type,
  );
  expect(accruals.map((e) => e.data)).toEqual([
    { driverId: driver(4), sessionId: rated?.sessionId, tier: 'GOLD', points: 16 },
  ]);
  expect(accruals[0]?.subject).toContain('.loyalty-points.');
}, 60_000);
