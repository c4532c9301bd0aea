/**
 * Rating's registry and tariff views are deterministic: after registry facts (stations,
 * assignments, operator settings) and tariff versions published through the API, a
 * rebuild of each from sequence 1 into a fresh schema gives byte-identical tables.
 */
import { z } from 'zod';
import {
  OperatorCreatedV1,
  OperatorSettingsChangedV1,
  StationRegisteredV1,
  StationTariffAssignedV1,
} from '@chargeledger/contracts';
import type { Projection } from '@chargeledger/platform/eventstore';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { rebuiltViewMatches } from '../testing/view-rebuild.testing';
import { TariffVersionsProjection } from '../tariffs/tariff-versions.projection';
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

/** Waits until the live registry view has applied `rows` rows in all. */
async function registryViewHolds(rows: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [count] = z.array(z.object({ n: z.coerce.number() })).parse(
      await rating.query(
        `SELECT (SELECT count(*) FROM rating_stations_v1) + (SELECT count(*) FROM rating_tariff_assignments_v1)
           + (SELECT count(*) FROM rating_rounding_settings_v1) AS n`,
      ),
    );
    if (count?.n === rows) return;
    if (Date.now() > deadline) throw new Error(`registry view holds ${count?.n} rows, not ${rows}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('rebuilds the registry and tariff views from sequence 1 into byte-identical tables', async () => {
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
    });
    expect(reply.status).toBe(201);
  }
  await registryViewHolds(8);

  expect(await rebuildEquals(new RatingRegistryProjection())).toEqual({
    rating_stations_v1: [2, 2],
    rating_tariff_assignments_v1: [4, 4],
    rating_rounding_settings_v1: [2, 2],
  });
  expect(await rebuildEquals(new TariffVersionsProjection())).toEqual({
    rating_tariff_versions_v1: [3, 3],
  });
}, 60_000);
