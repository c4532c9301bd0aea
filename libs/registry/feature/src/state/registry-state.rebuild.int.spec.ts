/**
 * The registry-state projection is deterministic: after driving every aggregate through
 * the API (two operators, refusals included), a rebuild from sequence 1 into
 * `<schema>_rebuild` gives byte-identical tables (canonical dumps hashed by
 * `verifyProjection`). That holds because the projection folds with the domain's pure
 * `evolve`, stores the stream sequence as the version and uses no clock or serial ids.
 */
import { z } from 'zod';
import { consumerSpecsOf, eventCatalog } from '@chargeledger/contracts';
import {
  formatVerification,
  rebuildProjection,
  verifyProjection,
} from '@chargeledger/platform/eventstore';
import { DatabaseResource, NatsResource } from '@chargeledger/platform/service';
import { REGISTRY_MIGRATIONS } from '../migrations/registry.migrations';
import { startRegistry, type RegistryFixture } from '../testing/registry.fixture';
import { REGISTRY_STATE_CONSUMER, RegistryStateProjection } from './registry-state.projection';

let registry: RegistryFixture;

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.cleanup());

async function ok(method: string, path: string, body?: unknown): Promise<unknown> {
  const reply = await registry.call(method, path, body);
  expect([200, 201]).toContain(reply.status);
  return reply.body;
}

async function driveEveryAggregate(operator: string): Promise<void> {
  const base = `/v1/operators/${operator}`;
  await ok('POST', base, {
    name: operator,
    settings: { currency: 'EUR', defaultVatRatePercent: '19' },
  });
  await ok('PUT', `${base}/name`, { name: `${operator} GmbH` });
  await ok('PATCH', `${base}/settings`, { roundingMode: 'HALF_EVEN' });
  const site = { siteId: 'depot-1', name: 'Depot', countryCode: 'DE', timeZone: 'Europe/Berlin' };
  await ok('POST', `${base}/sites`, site);
  await ok('POST', `${base}/stations`, {
    stationId: 'CP-01',
    siteId: 'depot-1',
    ocppVersion: '1.6',
    timeZone: 'Europe/Berlin',
    evses: [{ evseId: 1, connectors: [{ connectorId: 1, powerType: 'DC', maxPowerW: 150000 }] }],
    credentialsRef: 'stations/cp-01',
  });
  await ok('PUT', `${base}/stations/CP-01/tariff`, { tariffId: 'T-1' });
  const holder = {
    name: 'Holder',
    billingAddress: { line1: 'Main 1', postalCode: '10115', city: 'Berlin', countryCode: 'DE' },
  };
  const account = { kind: 'fleet', billingMode: 'monthly_statement', currency: 'EUR', holder };
  const { accountId } = z
    .object({ accountId: z.uuid() })
    .parse(await ok('POST', `${base}/customer-accounts`, account));
  await ok('POST', `${base}/customer-accounts/${accountId}/dunning/start`);
  await ok('POST', `${base}/customer-accounts/${accountId}/dunning/end`);
  const driverIds: string[] = [];
  for (const name of ['Ada', 'Bo', 'Cy']) {
    const driver = { accountId, name, email: `${name.toLowerCase()}@example.test` };
    const body = await ok('POST', `${base}/drivers`, driver);
    driverIds.push(z.object({ driverId: z.uuid() }).parse(body).driverId);
  }
  const [ada = '', bo = '', cy = ''] = driverIds;
  await ok('DELETE', `${base}/drivers/${cy}/personal-data`);
  await ok('POST', `${base}/tokens`, { uid: 'RFID-1', type: 'RFID', accountId, driverId: ada });
  await ok('POST', `${base}/tokens/RFID-1/block`, { reason: 'LOST' });
  await ok('POST', `${base}/tokens/RFID-1/unblock`);
  await ok('POST', `${base}/driver-groups`, { groupId: 'night' });
  for (const driverId of [cy, ada, bo])
    await ok('POST', `${base}/driver-groups/night/members`, { driverId });
  await ok('DELETE', `${base}/driver-groups/night/members/${bo}`);
  await ok('POST', `${base}/loyalty-memberships`, { driverId: ada, tier: 'BASIC' });
  const member = `${base}/loyalty-memberships/${ada}`;
  await ok('POST', `${member}/points/earn`, { points: 500, reason: 'CHARGING_SESSION' });
  await ok('POST', `${member}/points/redeem`, { points: 200, reason: 'REWARD' });
  await ok('PUT', `${member}/tier`, { tier: 'GOLD' });
  // A refusal appends nothing, so it must leave no trace a rebuild would miss.
  const refused = await registry.call('POST', `${member}/points/redeem`, {
    points: 301,
    reason: 'REWARD',
  });
  expect(refused.body).toMatchObject({ code: 'REGISTRY.LOYALTY_INSUFFICIENT_POINTS' });
}

it('rebuilds the registry state from sequence 1 into byte-identical tables', async () => {
  await driveEveryAggregate('acme');
  await driveEveryAggregate('voltway');

  const { namespace } = registry.suite;
  const spec = consumerSpecsOf('registry', namespace).find(
    (c) => c.durable === REGISTRY_STATE_CONSUMER,
  );
  if (spec === undefined) throw new Error(`${REGISTRY_STATE_CONSUMER} is not in the topology`);
  const projection = new RegistryStateProjection();
  const result = await rebuildProjection({
    js: registry.service.app.get(NatsResource).jetstream,
    catalog: eventCatalog,
    databaseUrl: registry.suite.databaseUrl,
    liveSchema: registry.schema,
    projection,
    sources: [
      { stream: `${namespace.streamPrefix}${spec.stream}`, filterSubject: spec.filterSubject },
    ],
    migrations: REGISTRY_MIGRATIONS,
    batchSizeMax: 16,
    fetchExpiresMs: 1_000,
    consumerInactiveMs: 60_000,
    onProgress: () => undefined,
  });
  // Per operator: onboarding, rename, settings, site, station, tariff, account, 2 dunning,
  // 3 drivers, erasure, token, block, unblock, group, 3 adds, remove, join, earn, redeem,
  // tier = 25 events.
  expect(result.applied).toBe(50);
  expect(result.streams[0]).toMatchObject({ undecodable: 0, beyondCheckpoint: 0 });

  const verification = await verifyProjection({
    dataSource: registry.service.app.get(DatabaseResource).dataSource,
    liveSchema: registry.schema,
    rebuildSchema: result.schema,
    tables: projection.tables,
    batchSizeMax: 7,
  });
  if (!verification.equal) process.stdout.write(`${formatVerification(verification)}\n`);
  expect(verification.equal).toBe(true);
  const rows = Object.fromEntries(
    verification.tables.map((table) => [table.name, [table.liveRows, table.rebuildRows]]),
  );
  expect(rows).toEqual({
    operators_v1: [2, 2],
    sites_v1: [2, 2],
    stations_v1: [2, 2],
    customer_accounts_v1: [2, 2],
    drivers_v1: [6, 6],
    tokens_v1: [2, 2],
    driver_groups_v1: [2, 2],
    loyalty_memberships_v1: [2, 2],
    registry_events_v1: [50, 50],
  });
  for (const table of verification.tables) expect(table.liveHash).toBe(table.rebuildHash);
});
