/**
 * The registry's operator API against real NATS and Postgres: sites and stations with
 * their refusals, validation errors naming the field, malformed bodies, tenant
 * isolation, pagination and the generated OpenAPI document. Accounts, drivers and tokens
 * are in `accounts-tokens.int.spec.ts`; groups and loyalty in `groups-loyalty.int.spec.ts`.
 */
import { startRegistry, type RegistryFixture } from './testing/registry.fixture';

let registry: RegistryFixture;
const acme = '/v1/operators/acme';
const other = '/v1/operators/globex';

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.cleanup());

const site = {
  siteId: 'depot-1',
  name: 'Harbour depot',
  countryCode: 'DK',
  timeZone: 'europe/copenhagen',
};
const station = {
  stationId: 'CP-01',
  siteId: 'depot-1',
  ocppVersion: '2.0.1',
  timeZone: 'Europe/Copenhagen',
  evses: [
    { evseId: 1, connectors: [{ connectorId: 1, powerType: 'AC_3_PHASE', maxPowerW: 22000 }] },
  ],
  credentialsRef: 'stations/cp-01',
};
describe('sites and stations', () => {
  it('registers a site and a station, reads them back, and assigns a tariff', async () => {
    const created = await registry.call('POST', `${acme}/sites`, site);
    expect(created).toMatchObject({
      status: 201,
      body: { ...site, timeZone: 'Europe/Copenhagen' },
    });
    expect((await registry.call('POST', `${acme}/stations`, station)).status).toBe(201);
    const assigned = await registry.call('PUT', `${acme}/stations/CP-01/tariff`, {
      tariffId: 'T-DAY',
    });
    expect(assigned).toMatchObject({
      status: 200,
      body: { stationId: 'CP-01', tariffId: 'T-DAY' },
    });
    expect((await registry.call('GET', `${acme}/stations/CP-01`)).body).toMatchObject({
      tariffId: 'T-DAY',
    });
    const atEvse = await registry.call('PUT', `${acme}/stations/CP-01/evses/1/tariff`, {
      tariffId: 'T-DC',
    });
    expect(atEvse).toMatchObject({
      status: 200,
      body: { stationId: 'CP-01', tariffId: 'T-DAY', evseTariffs: { '1': 'T-DC' } },
    });
    const noSuchEvse = await registry.call('PUT', `${acme}/stations/CP-01/evses/9/tariff`, {
      tariffId: 'T-DC',
    });
    expect(noSuchEvse.body).toMatchObject({ status: 409, code: 'REGISTRY.UNKNOWN_EVSE' });
  });

  it('refuses duplicates and unknown references with 409 and the reason code', async () => {
    const again = await registry.call('POST', `${acme}/sites`, site);
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
    expect(again.body).toMatchObject({ code: 'REGISTRY.SITE_ALREADY_REGISTERED', status: 409 });
    const unknownSite = await registry.call('POST', `${acme}/stations`, {
      ...station,
      stationId: 'CP-02',
      siteId: 'nowhere',
    });
    expect(unknownSite.body).toMatchObject({ status: 409, code: 'REGISTRY.UNKNOWN_SITE' });
    const sameTariff = await registry.call('PUT', `${acme}/stations/CP-01/tariff`, {
      tariffId: 'T-DAY',
    });
    expect(sameTariff.body).toMatchObject({
      status: 409,
      code: 'REGISTRY.TARIFF_ALREADY_ASSIGNED',
    });
  });

  it('names each invalid field in a 400 problem', async () => {
    const bad = {
      ...station,
      timeZone: 'Mars/Olympus',
      evses: [
        { evseId: 1, connectors: [{ connectorId: 1, powerType: 'AC_3_PHASE', maxPowerW: -5 }] },
      ],
    };
    const reply = await registry.call('POST', `${acme}/stations`, bad);
    expect(reply.status).toBe(400);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body).toMatchObject({
      type: 'urn:chargeledger:problem:REQUEST.INVALID',
      title: 'The request is invalid',
      status: 400,
    });
    const paths = (reply.body as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(['body.timeZone', 'body.evses[0].connectors[0].maxPowerW']);
    const limit = await registry.call('GET', `${acme}/sites?limit=1000`);
    expect((limit.body as { errors: { path: string }[] }).errors[0]?.path).toBe('query.limit');
  });

  it('answers a malformed JSON body with a 400 problem, like any invalid request', async () => {
    const response = await fetch(`${registry.service.url}${acme}/sites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await registry.bearer('acme') },
      body: '{"siteId": "depot-x",',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 400,
      code: 'REQUEST.MALFORMED_JSON',
    });
  });

  it("answers 404 for another operator's ids, for reads and commands", async () => {
    expect((await registry.call('GET', `${other}/sites/depot-1`)).body).toMatchObject({
      status: 404,
      code: 'REGISTRY.SITE_NOT_FOUND',
    });
    expect((await registry.call('GET', `${other}/stations/CP-01`)).status).toBe(404);
    const assign = await registry.call('PUT', `${other}/stations/CP-01/tariff`, {
      tariffId: 'T-X',
    });
    expect(assign.body).toMatchObject({ status: 404, code: 'REGISTRY.STATION_NOT_FOUND' });
    expect((await registry.call('GET', `${other}/sites`)).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('pages through sites with a capped limit and a cursor', async () => {
    for (const id of ['depot-2', 'depot-3'])
      expect((await registry.call('POST', `${acme}/sites`, { ...site, siteId: id })).status).toBe(
        201,
      );
    const first = (await registry.call('GET', `${acme}/sites?limit=2`)).body as {
      items: { siteId: string }[];
      nextCursor: string;
    };
    expect(first.items.map((s) => s.siteId)).toEqual(['depot-1', 'depot-2']);
    const second = (await registry.call('GET', `${acme}/sites?limit=2&cursor=${first.nextCursor}`))
      .body;
    expect(second).toMatchObject({ items: [{ siteId: 'depot-3' }], nextCursor: null });
  });
});

it('serves an OpenAPI document generated from the controllers', async () => {
  const { body } = await registry.call('GET', '/openapi.json');
  const document = body as {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  expect(document.openapi).toBe('3.1.0');
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      '/v1/operators/{operatorId}/sites',
      '/v1/operators/{operatorId}/stations/{stationId}/tariff',
      '/v1/operators/{operatorId}/stations/{stationId}/evses/{evseId}/tariff',
      '/v1/operators/{operatorId}/drivers/{driverId}/personal-data',
      '/v1/operators/{operatorId}/tokens/{uid}/authorization',
    ]),
  );
  expect(
    JSON.stringify(document.paths['/v1/operators/{operatorId}/stations']?.post?.requestBody),
  ).toContain('maxPowerW');
});
