/**
 * Customer accounts, drivers and tokens over the operator API against real NATS and
 * Postgres: dunning and the token authorisation decision end to end, token refusals,
 * and idempotent retries with the same Idempotency-Key.
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
  siteId: 'depot-9',
  name: 'Harbour depot',
  countryCode: 'DK',
  timeZone: 'Europe/Copenhagen',
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
    expect(reused.body).toMatchObject({ status: 422, code: 'REQUEST.IDEMPOTENCY_KEY_REUSED' });
  });
});
