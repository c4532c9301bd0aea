/**
 * The registry's operator API against real NATS and Postgres: each aggregate with its
 * refusals, validation errors naming the field, tenant isolation, idempotent retries,
 * pagination, the authorisation decision and the generated OpenAPI document.
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
const holder = {
  name: 'Fleet Holder Ltd',
  billingAddress: { line1: 'Harbour 1', postalCode: '1000', city: 'Copenhagen', countryCode: 'DK' },
  vatId: 'DK12345678',
};

async function openAccount(base = acme): Promise<string> {
  const reply = await registry.call('POST', `${base}/customer-accounts`, {
    kind: 'fleet',
    billingMode: 'monthly_statement',
    currency: 'DKK',
    holder,
  });
  expect(reply.status).toBe(201);
  const { accountId } = reply.body as { accountId: string };
  return accountId;
}

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
      type: 'urn:chargeledger:problem:REGISTRY.INVALID_REQUEST',
      title: 'The request is invalid',
      status: 400,
    });
    const paths = (reply.body as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(['body.timeZone', 'body.evses[0].connectors[0].maxPowerW']);
    const limit = await registry.call('GET', `${acme}/sites?limit=1000`);
    expect((limit.body as { errors: { path: string }[] }).errors[0]?.path).toBe('query.limit');
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

describe('customer accounts, drivers and tokens', () => {
  it('runs dunning and the token authorisation decision end to end', async () => {
    const accountId = await openAccount();
    const driver = await registry.call('POST', `${acme}/drivers`, {
      accountId,
      name: 'Dana Driver',
      email: 'dana@example.test',
    });
    expect(driver.status).toBe(201);
    const { driverId } = driver.body as { driverId: string };
    const issued = await registry.call('POST', `${acme}/tokens`, {
      uid: '04A2B3C4D5',
      type: 'RFID',
      accountId,
      driverId,
    });
    expect(issued).toMatchObject({ status: 201, body: { uid: '04A2B3C4D5', status: 'active' } });
    const decision = async () =>
      (await registry.call('GET', `${acme}/tokens/04a2b3c4d5/authorization`)).body;
    expect(await decision()).toMatchObject({ status: 'ACCEPTED', reason: 'REGISTRY.TOKEN_VALID' });
    expect(
      (await registry.call('POST', `${acme}/customer-accounts/${accountId}/dunning/start`)).body,
    ).toMatchObject({ status: 'in_dunning' });
    expect(await decision()).toMatchObject({
      status: 'BLOCKED',
      reason: 'REGISTRY.ACCOUNT_IN_DUNNING',
    });
    const twice = await registry.call(
      'POST',
      `${acme}/customer-accounts/${accountId}/dunning/start`,
    );
    expect(twice.body).toMatchObject({ status: 409, code: 'REGISTRY.ACCOUNT_ALREADY_IN_DUNNING' });
    expect(
      (await registry.call('POST', `${acme}/customer-accounts/${accountId}/dunning/end`)).status,
    ).toBe(200);
    expect(
      (await registry.call('POST', `${acme}/tokens/04A2B3C4D5/block`, { reason: 'LOST' })).body,
    ).toMatchObject({ status: 'blocked' });
    expect(await decision()).toMatchObject({ status: 'BLOCKED', reason: 'REGISTRY.TOKEN_BLOCKED' });
    const blockedAgain = await registry.call('POST', `${acme}/tokens/04A2B3C4D5/block`, {
      reason: 'LOST',
    });
    expect(blockedAgain.body).toMatchObject({
      status: 409,
      code: 'REGISTRY.TOKEN_ALREADY_BLOCKED',
    });
    expect((await registry.call('POST', `${acme}/tokens/04A2B3C4D5/unblock`)).status).toBe(200);
    expect(await decision()).toMatchObject({ status: 'ACCEPTED' });
    expect(
      (await registry.call('GET', `${acme}/tokens/UNKNOWN-1/authorization`)).body,
    ).toMatchObject({ status: 'UNKNOWN' });
    expect(
      (await registry.call('GET', `${other}/tokens/04A2B3C4D5/authorization`)).body,
    ).toMatchObject({ status: 'UNKNOWN' });
  });

  it('refuses tokens that are issued twice, unknown references and past expiries', async () => {
    const accountId = await openAccount();
    const token = { uid: 'APP-77', type: 'APP_USER', accountId };
    expect((await registry.call('POST', `${acme}/tokens`, token)).status).toBe(201);
    const again = await registry.call('POST', `${acme}/tokens`, { ...token, uid: 'app-77' });
    expect(again.body).toMatchObject({ status: 409, code: 'REGISTRY.TOKEN_ALREADY_ISSUED' });
    const unknownAccount = await registry.call('POST', `${other}/tokens`, { ...token, uid: 'X-1' });
    expect(unknownAccount.body).toMatchObject({ status: 409, code: 'REGISTRY.UNKNOWN_ACCOUNT' });
    const past = await registry.call('POST', `${acme}/tokens`, {
      ...token,
      uid: 'X-2',
      expiresAt: '2020-01-01T00:00:00.000Z',
    });
    expect(past.body).toMatchObject({ status: 409, code: 'REGISTRY.TOKEN_EXPIRY_NOT_IN_FUTURE' });
    expect((await registry.call('POST', `${acme}/tokens/NOPE/unblock`)).body).toMatchObject({
      status: 404,
      code: 'REGISTRY.TOKEN_NOT_FOUND',
    });
    expect((await registry.call('GET', `${other}/customer-accounts/${accountId}`)).status).toBe(
      404,
    );
  });

  it('answers a retried command with the same Idempotency-Key once, with the same resource', async () => {
    const body = { kind: 'individual', billingMode: 'per_session', currency: 'EUR', holder };
    const headers = { 'Idempotency-Key': 'open-account-42' };
    const first = await registry.call('POST', `${acme}/customer-accounts`, body, headers);
    const retry = await registry.call('POST', `${acme}/customer-accounts`, body, headers);
    expect(first.status).toBe(201);
    expect(retry).toEqual(first);
    const { accountId } = first.body as { accountId: string };
    const dunning = { 'Idempotency-Key': 'dunning-42' };
    const started = await registry.call(
      'POST',
      `${acme}/customer-accounts/${accountId}/dunning/start`,
      undefined,
      dunning,
    );
    const startedAgain = await registry.call(
      'POST',
      `${acme}/customer-accounts/${accountId}/dunning/start`,
      undefined,
      dunning,
    );
    expect([started.status, startedAgain.status]).toEqual([200, 200]);
    const reused = await registry.call(
      'POST',
      `${acme}/sites`,
      { ...site, siteId: 'depot-9' },
      dunning,
    );
    expect(reused.body).toMatchObject({ status: 422, code: 'REGISTRY.IDEMPOTENCY_KEY_REUSED' });
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
      '/v1/operators/{operatorId}/drivers/{driverId}/personal-data',
      '/v1/operators/{operatorId}/tokens/{uid}/authorization',
    ]),
  );
  expect(
    JSON.stringify(document.paths['/v1/operators/{operatorId}/stations']?.post?.requestBody),
  ).toContain('maxPowerW');
});
