/**
 * Rating's views are deterministic: after registry facts (stations, station and EVSE
 * tariff assignments, operator settings, token holders, group memberships and tariffs,
 * loyalty tiers and credit redemptions), tariff versions (one with an overstay fee), session limits and a loyalty
 * programme set through the API and credit uses, a rebuild of each from sequence 1 into
 * a fresh schema gives byte-identical tables; so does the session facts view, run live
 * on a family of 16 partitioned durables and rebuilt as one.
 */
import { z } from 'zod';
import {
  DriverAddedToGroupV1,
  DriverGroupTariffAssignedV1,
  DriverRemovedFromGroupV1,
  EvseTariffAssignedV1,
  LoyaltyCreditAppliedV1,
  LoyaltyMembershipJoinedV1,
  LoyaltyPointsRedeemedForCreditV1,
  LoyaltyTierChangedV1,
  OperatorCreatedV1,
  OperatorSettingsChangedV1,
  StationRegisteredV1,
  StationTariffAssignedV1,
  tokenRefOf,
  TokenIssuedV1,
} from '@chargeledger/contracts';
import type { Projection } from '@chargeledger/platform/eventstore';
import { isFinalRating } from '../sessions/rating-events.testing';
import {
  RATING_SESSIONS_PURPOSE,
  SessionFactsProjection,
} from '../sessions/session-facts.projection';
import { sessionEvents } from '../testing/session-events.builder';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { rebuiltViewMatches } from '../testing/view-rebuild.testing';
import { SessionLimitsProjection } from '../limits/session-limits.projection';
import { TariffVersionsProjection } from '../tariffs/tariff-versions.projection';
import { LoyaltyProgrammesProjection } from '../loyalty/loyalty-programmes.projection';
import { LoyaltyCreditsProjection } from '../loyalty/loyalty-credits.projection';
import { RatingRegistryProjection } from './rating-registry.projection';

const OP = 'op-rebuild';
let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

const rebuildEquals = (projection: Projection) => rebuiltViewMatches(rating, projection);

/** Waits until the live registry and credit views have applied `rows` rows in all. */
async function registryViewHolds(rows: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [count] = z.array(z.object({ n: z.coerce.number() })).parse(
      await rating.query(
        `SELECT (SELECT count(*) FROM rating_stations_v1) + (SELECT count(*) FROM rating_tariff_assignments_v1)
           + (SELECT count(*) FROM rating_rounding_settings_v1)
           + (SELECT count(*) FROM rating_token_holders_v1)
           + (SELECT count(*) FROM rating_group_memberships_v1)
           + (SELECT count(*) FROM rating_group_tariffs_v1)
           + (SELECT count(*) FROM rating_loyalty_tiers_v1)
           + (SELECT count(*) FROM rating_loyalty_credit_grants_v1)
           + (SELECT count(*) FROM rating_loyalty_credit_uses_v1) AS n`,
      ),
    );
    if (count?.n === rows) return;
    if (Date.now() > deadline) throw new Error(`registry view holds ${count?.n} rows, not ${rows}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('rebuilds the registry, tariff and session-limits views from sequence 1 into byte-identical tables', async () => {
  const at = (aggregateId: string, time: string) => ({ operatorId: OP, aggregateId, time });
  const settings = {
    currency: 'EUR',
    roundingMode: 'HALF_UP' as const,
    defaultVatRatePercent: '21',
  };
  await rating.publish(OperatorCreatedV1, at(OP, '2026-01-01T00:00:00.000Z'), {
    operatorId: OP,
    name: 'Rebuild Charging',
    settings,
  });
  await rating.publish(OperatorSettingsChangedV1, at(OP, '2026-02-01T00:00:00.000Z'), {
    operatorId: OP,
    settings: { ...settings, roundingMode: 'HALF_EVEN' },
  });
  for (const stationId of ['CP-A', 'cp.b']) {
    await rating.publish(StationRegisteredV1, at(stationId, '2026-01-02T00:00:00.000Z'), {
      stationId,
      siteId: 'site-1',
      ocppVersion: '1.6',
      timeZone: 'Europe/Paris',
      evses: [{ evseId: 1, connectors: [{ connectorId: 1, powerType: 'DC', maxPowerW: 50_000 }] }],
      credentialsRef: `station-${stationId}`,
    });
    for (const tariffId of ['T-1', 'T-2'])
      await rating.publish(StationTariffAssignedV1, at(stationId, '2026-01-03T00:00:00.000Z'), {
        stationId,
        tariffId,
      });
  }
  await rating.publish(EvseTariffAssignedV1, at('CP-A', '2026-01-03T00:00:00.000Z'), {
    stationId: 'CP-A',
    evseId: 1,
    tariffId: 'T-2',
  });
  for (const [uid, driverId] of [
    ['04A1B2C3', '6c1f9b2d-3a4e-4d6c-8b7f-8e9a0b1c2d3e'],
    ['04A1B2C4', null],
  ] as const) {
    const tokenId = tokenRefOf(OP, uid);
    await rating.publish(TokenIssuedV1, at(tokenId, '2026-01-04T00:00:00.000Z'), {
      tokenId,
      uid,
      type: 'RFID',
      accountId: '5b0e8a1c-2f3d-4c5b-9a6e-7d8f9a0b1c2d',
      driverId,
      expiresAt: null,
    });
  }
  for (const [tariffId, price] of [
    ['T-1', '0.30'],
    ['T-1', '0.35'],
    ['T-2', '0.50'],
  ] as const) {
    const reply = await rating.call('POST', `/v1/operators/${OP}/tariffs/${tariffId}/versions`, {
      tariff: {
        id: tariffId,
        currency: 'EUR',
        elements: [{ price_components: [{ type: 'ENERGY', price, step_size: 1 }] }],
      },
      ...(price === '0.35'
        ? { ratingOptions: { overstay: { graceS: 600, pricePerHour: '6.00', stepS: 60 } } }
        : {}),
    });
    expect(reply.status).toBe(201);
  }
  for (const [path, body] of [
    ['session-limits/station/CP-A', { maxEnergyWh: 30_000 }],
    ['session-limits/station/CP-A', { maxEnergyWh: 20_000, maxCostExclVat: '12.50' }],
    ['session-limits/tariff/T-2', { maxDurationS: 7_200 }],
  ] as const) {
    const reply = await rating.call('PUT', `/v1/operators/${OP}/${path}`, body);
    expect(reply.status).toBe(200);
  }
  const driverId = '6c1f9b2d-3a4e-4d6c-8b7f-8e9a0b1c2d3e';
  const member = at('fleet', '2026-01-05T00:00:00.000Z');
  await rating.publish(DriverAddedToGroupV1, member, { groupId: 'fleet', driverId });
  await rating.publish(DriverRemovedFromGroupV1, member, { groupId: 'fleet', driverId });
  for (const stationId of [null, 'CP-A'])
    await rating.publish(DriverGroupTariffAssignedV1, member, {
      groupId: 'fleet',
      tariffId: 'T-2',
      stationId,
    });
  await rating.publish(LoyaltyMembershipJoinedV1, at(driverId, '2026-01-06T00:00:00.000Z'), {
    driverId,
    tier: 'BASIC',
  });
  await rating.publish(LoyaltyTierChangedV1, at(driverId, '2026-01-07T00:00:00.000Z'), {
    driverId,
    fromTier: 'BASIC',
    toTier: 'GOLD',
  });
  await rating.publish(LoyaltyPointsRedeemedForCreditV1, at(driverId, '2026-01-08T00:00:00.000Z'), {
    driverId,
    points: 100,
  });
  for (const [index, sessionId] of [
    '0b2c6a57-3a49-4c1c-8a43-0a6b1c5d2e31',
    '0b2c6a57-3a49-4c1c-8a43-0a6b1c5d2e32',
  ].entries())
    await rating.publish(
      LoyaltyCreditAppliedV1,
      at(driverId, `2026-01-0${index + 1}T12:00:00.000Z`),
      {
        driverId,
        sessionId,
        amount: { amount: '0.50', currency: 'EUR' },
      },
    );
  for (const percentOff of ['5', '7.5']) {
    const reply = await rating.call('PUT', `/v1/operators/${OP}/loyalty-programme`, {
      tiers: [{ tier: 'GOLD', percentOff, freeKwh: '1', pointsPerCurrencyUnit: 2 }],
      pointValue: { amount: '0.01', currency: 'EUR' },
    });
    expect(reply.status).toBe(200);
  }
  await registryViewHolds(20);

  expect(await rebuildEquals(new RatingRegistryProjection())).toEqual({
    rating_stations_v1: [2, 2],
    rating_tariff_assignments_v1: [5, 5],
    rating_rounding_settings_v1: [2, 2],
    rating_token_holders_v1: [2, 2],
    rating_group_memberships_v1: [2, 2],
    rating_group_tariffs_v1: [2, 2],
    rating_loyalty_tiers_v1: [2, 2],
    rating_loyalty_credit_grants_v1: [1, 1],
  });
  expect(await rebuildEquals(new LoyaltyProgrammesProjection())).toEqual({
    rating_loyalty_programmes_v1: [2, 2],
  });
  expect(await rebuildEquals(new LoyaltyCreditsProjection())).toEqual({
    rating_loyalty_credit_uses_v1: [2, 2],
  });
  expect(await rebuildEquals(new TariffVersionsProjection())).toEqual({
    rating_tariff_versions_v1: [3, 3],
  });
  expect(await rebuildEquals(new SessionLimitsProjection())).toEqual({
    rating_session_limits_v1: [3, 3],
  });
}, 60_000);

it('rebuilds the session facts of all 16 partitioned durables as one byte-identical table', async () => {
  const operatorId = 'op-rebuild-sessions';
  const stationIds = Array.from({ length: 12 }, (_, n) => `RS-${n}`);
  for (const stationId of stationIds)
    await rating.stationWithTariff(operatorId, stationId, '2026-01-01T00:00:00.000Z');
  for (const [n, stationId] of stationIds.entries())
    await rating.append(
      sessionEvents(rating.suite.namespace, {
        operatorId,
        stationId,
        transactionId: `tx-${n}`,
        startedAt: '2026-03-02T08:00:00.000Z',
        meterStartWh: '1000',
        samples: [1, 2, 3].map((k) => ({
          sampledAt: `2026-03-02T08:0${k}:00.000Z`,
          energyRegisterWh: String(1_000 + k * 250 * (n + 1)),
        })),
        states: [{ at: '2026-03-02T08:00:00.000Z', state: 'Charging' }],
        endedAt: '2026-03-02T08:05:00.000Z',
        meterStopWh: String(1_000 + 1_000 * (n + 1)),
        chunk: 2,
      }),
    );
  // A session is rated once all its facts are projected.
  await rating.waitForStreamEvents('EVT_RATING', stationIds.length, isFinalRating, 60_000);

  const facts = await rebuildEquals(
    new SessionFactsProjection(`rating-${RATING_SESSIONS_PURPOSE}`),
  );
  // Start, state, two chunks of samples and the end of each session, whatever partition.
  expect(facts).toEqual({ rating_session_facts_v1: [60, 60] });
}, 90_000);
