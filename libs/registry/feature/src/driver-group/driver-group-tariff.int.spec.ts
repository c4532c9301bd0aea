/**
 * Assigning a tariff to a driver group over the operator API, against real NATS and
 * Postgres: at every station, one registered station or one registered site's stations,
 * each assignment recorded as DriverGroupTariffAssigned; refusals as problem+json reason
 * codes; idempotent retries.
 */
import { DriverGroupTariffAssignedV2 } from '@chargeledger/contracts';
import { startRegistry, type RegistryFixture } from '../testing/registry.fixture';

let registry: RegistryFixture;
const acme = '/v1/operators/acme';
const isAssignment = (event: { type: string }) => event.type === DriverGroupTariffAssignedV2.type;

beforeAll(async () => {
  registry = await startRegistry();
  await registry.call('POST', `${acme}/sites`, {
    siteId: 'depot-1',
    name: 'Harbour depot',
    countryCode: 'DK',
    timeZone: 'Europe/Copenhagen',
  });
  await registry.call('POST', `${acme}/stations`, {
    stationId: 'CP-01',
    siteId: 'depot-1',
    ocppVersion: '2.0.1',
    timeZone: 'Europe/Copenhagen',
    evses: [{ evseId: 1, connectors: [{ connectorId: 1, powerType: 'DC', maxPowerW: 50000 }] }],
    credentialsRef: 'stations/cp-01',
  });
  await registry.call('POST', `${acme}/driver-groups`, { groupId: 'fleet' });
});
afterAll(() => registry.cleanup());

it('records assignments at every station, at one station and at one site, retries once', async () => {
  const everywhere = await registry.call(
    'PUT',
    `${acme}/driver-groups/fleet/tariff`,
    { tariffId: 'FLEET' },
    { 'idempotency-key': 'assign-fleet-1' },
  );
  expect(everywhere).toMatchObject({ status: 200, body: { groupId: 'fleet' } });
  const retried = await registry.call(
    'PUT',
    `${acme}/driver-groups/fleet/tariff`,
    { tariffId: 'FLEET' },
    { 'idempotency-key': 'assign-fleet-1' },
  );
  expect(retried.status).toBe(200);
  const atStation = await registry.call('PUT', `${acme}/driver-groups/fleet/tariff`, {
    tariffId: 'FLEET-DC',
    stationId: 'CP-01',
  });
  expect(atStation.status).toBe(200);
  const atSite = await registry.call('PUT', `${acme}/driver-groups/fleet/tariff`, {
    tariffId: 'FLEET-DEPOT',
    siteId: 'depot-1',
  });
  expect(atSite.status).toBe(200);
  const events = await registry.waitForStreamEvents('EVT_REGISTRY', 3, isAssignment);
  expect(events.map((e) => e.data)).toEqual([
    { groupId: 'fleet', tariffId: 'FLEET', stationId: null, siteId: null },
    { groupId: 'fleet', tariffId: 'FLEET-DC', stationId: 'CP-01', siteId: null },
    { groupId: 'fleet', tariffId: 'FLEET-DEPOT', stationId: null, siteId: 'depot-1' },
  ]);
});

it('refuses an unknown group (404), an unknown station or site (409) and a bad body (400)', async () => {
  const unknownGroup = await registry.call('PUT', `${acme}/driver-groups/nobody/tariff`, {
    tariffId: 'FLEET',
  });
  expect(unknownGroup).toMatchObject({
    status: 404,
    body: { code: 'REGISTRY.DRIVER_GROUP_NOT_FOUND' },
  });
  const unknownStation = await registry.call('PUT', `${acme}/driver-groups/fleet/tariff`, {
    tariffId: 'FLEET',
    stationId: 'CP-99',
  });
  expect(unknownStation).toMatchObject({ status: 409, body: { code: 'REGISTRY.UNKNOWN_STATION' } });
  const unknownSite = await registry.call('PUT', `${acme}/driver-groups/fleet/tariff`, {
    tariffId: 'FLEET',
    siteId: 'nowhere',
  });
  expect(unknownSite).toMatchObject({ status: 409, body: { code: 'REGISTRY.UNKNOWN_SITE' } });
  const bad = await registry.call('PUT', `${acme}/driver-groups/fleet/tariff`, { tariffId: '' });
  expect(bad.status).toBe(400);
  const both = await registry.call('PUT', `${acme}/driver-groups/fleet/tariff`, {
    tariffId: 'FLEET',
    stationId: 'CP-01',
    siteId: 'depot-1',
  });
  expect(both).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID' } });
});
