/**
 * Idempotency-Key against the real service: a retry of the same request answers the
 * original result (field order does not matter); the same key with another body or on
 * another route is refused with 422 REQUEST.IDEMPOTENCY_KEY_REUSED and changes nothing,
 * not even personal data; a request refused as invalid frees its key; keys are per
 * operator.
 */
import { startRegistry, type RegistryFixture } from './testing/registry.fixture';

let registry: RegistryFixture;
const acme = '/v1/operators/acme';
const site = { siteId: 'depot-1', name: 'Harbour', countryCode: 'DK', timeZone: 'Europe/Paris' };
const REUSED = { status: 422, code: 'REQUEST.IDEMPOTENCY_KEY_REUSED' };

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.cleanup());

const keyed = (key: string) => ({ 'Idempotency-Key': key });

it('answers a retry of the same request, in any field order, with the original result', async () => {
  const first = await registry.call('POST', `${acme}/sites`, site, keyed('site-1'));
  expect(first.status).toBe(201);
  const reordered = Object.fromEntries(Object.entries(site).reverse());
  expect(await registry.call('POST', `${acme}/sites`, reordered, keyed('site-1'))).toEqual(first);
});

it('refuses the same key with another body or on another route, changing nothing', async () => {
  const renamed = { ...site, name: 'Renamed' };
  expect(
    (await registry.call('POST', `${acme}/sites`, renamed, keyed('site-1'))).body,
  ).toMatchObject(REUSED);
  const other = { ...site, siteId: 'depot-2' };
  const otherSite = await registry.call('POST', `${acme}/sites`, other, keyed('site-1'));
  expect(otherSite).toMatchObject({
    status: 422,
    contentType: expect.stringContaining('problem+json') as unknown,
  });
  const group = await registry.call(
    'POST',
    `${acme}/driver-groups`,
    { groupId: 'g' },
    keyed('site-1'),
  );
  expect(group.body).toMatchObject(REUSED);
  const sites = (await registry.call('GET', `${acme}/sites`)).body;
  expect(sites).toEqual({ items: [{ ...site }], nextCursor: null });
  expect((await registry.call('GET', `${acme}/driver-groups/g`)).status).toBe(404);
});

it("never overwrites a driver's personal data through a reused key", async () => {
  const account = await registry.call('POST', `${acme}/customer-accounts`, {
    kind: 'individual',
    billingMode: 'per_session',
    currency: 'EUR',
    holder: {
      name: 'Holder',
      billingAddress: { line1: 'Main 1', postalCode: '1000', city: 'Paris', countryCode: 'FR' },
    },
  });
  const { accountId } = account.body as { accountId: string };
  const driver = { accountId, name: 'Ada Lovelace', email: 'ada@example.test' };
  const first = await registry.call('POST', `${acme}/drivers`, driver, keyed('driver-1'));
  expect(first.status).toBe(201);
  const { driverId } = first.body as { driverId: string };
  const changed = { ...driver, name: 'Mallory', email: 'mallory@example.test' };
  expect(
    (await registry.call('POST', `${acme}/drivers`, changed, keyed('driver-1'))).body,
  ).toMatchObject(REUSED);
  expect((await registry.call('GET', `${acme}/drivers/${driverId}`)).body).toMatchObject({
    personalData: { name: 'Ada Lovelace', email: 'ada@example.test' },
  });
});

it('frees the key of a request refused as invalid, so the fixed request can use it', async () => {
  const invalid = await registry.call(
    'POST',
    `${acme}/sites`,
    { ...site, siteId: 'depot 3' },
    keyed('site-3'),
  );
  expect(invalid.status).toBe(400);
  const fixed = await registry.call(
    'POST',
    `${acme}/sites`,
    { ...site, siteId: 'depot-3' },
    keyed('site-3'),
  );
  expect(fixed.status).toBe(201);
});

it('keeps keys per operator', async () => {
  const globex = await registry.call(
    'POST',
    '/v1/operators/globex/sites',
    { ...site, name: 'Globex depot' },
    keyed('site-1'),
  );
  expect(globex).toMatchObject({ status: 201, body: { name: 'Globex depot' } });
});
