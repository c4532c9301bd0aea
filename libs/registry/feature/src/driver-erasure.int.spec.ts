/**
 * Erasing a driver leaves no personal data in any registry table nor in any event of the
 * namespace's EVT_REGISTRY stream, while the events billing depends on (account, driver
 * and token ids) stay exactly as they were and the token still authorises.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';
import { z } from 'zod';
import { startRegistry, type RegistryFixture } from './testing/registry.fixture';

let registry: RegistryFixture;
const acme = '/v1/operators/acme';
const marker = randomBytes(4).toString('hex');
const name = `Erin Erasable ${marker}`;
const email = `erin.${marker}@example.test`;

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.cleanup());

const accountIdOf = (body: unknown) => z.object({ accountId: z.uuid() }).parse(body).accountId;
const driverIdOf = (body: unknown) => z.object({ driverId: z.uuid() }).parse(body).driverId;

async function registryEvents(): Promise<{ id: string; type: string; raw: string }[]> {
  const connection = await connect({ servers: registry.suite.natsUrl });
  try {
    const stream = `${registry.suite.namespace.streamPrefix}EVT_REGISTRY`;
    const info = await (await connection.jetstreamManager()).streams.info(stream);
    const consumer = await connection.jetstream().consumers.get(stream);
    const events: { id: string; type: string; raw: string }[] = [];
    while (events.length < info.state.messages) {
      const remaining = Math.min(500, info.state.messages - events.length);
      const batch = await consumer.fetch({ max_messages: remaining, expires: 2_000 });
      for await (const message of batch) {
        const raw = message.string();
        events.push({
          ...z.object({ id: z.string(), type: z.string() }).parse(JSON.parse(raw)),
          raw,
        });
      }
    }
    return events;
  } finally {
    await connection.close();
  }
}

/** Rows of every table in the registry's schema whose text contains `needle`. */
async function rowsContaining(needle: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: registry.suite.databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [registry.schema],
    );
    const found: Record<string, number> = {};
    for (const { table_name: table } of tables.rows) {
      const result = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${registry.schema}"."${table}" AS t WHERE t::text ILIKE '%' || $1 || '%'`,
        [needle],
      );
      const count = Number(result.rows[0]?.n ?? 0);
      if (count > 0) found[table] = count;
    }
    return found;
  } finally {
    await client.end();
  }
}

it('erases a driver: no personal data left in Postgres or events, billing events unchanged', async () => {
  const account = await registry.call('POST', `${acme}/customer-accounts`, {
    kind: 'individual',
    billingMode: 'per_session',
    currency: 'EUR',
    holder: {
      name: 'Holder Name',
      billingAddress: {
        line1: 'Main St 1',
        postalCode: '10115',
        city: 'Berlin',
        countryCode: 'DE',
      },
    },
  });
  const accountId = accountIdOf(account.body);
  const driver = await registry.call('POST', `${acme}/drivers`, { accountId, name, email });
  expect(driver.body).toMatchObject({ personalData: { name, email }, status: 'registered' });
  const driverId = driverIdOf(driver.body);
  const token = { uid: `RF-${marker}`, type: 'RFID', accountId, driverId };
  expect((await registry.call('POST', `${acme}/tokens`, token)).status).toBe(201);

  // The personal data is where it belongs before erasure, so the searches below can fail.
  expect(await rowsContaining(name)).toEqual({ driver_personal_data: 1 });
  expect(await rowsContaining(email)).toEqual({ driver_personal_data: 1 });
  const before = await registryEvents();
  expect(before.some((e) => e.raw.includes(name) || e.raw.includes(email))).toBe(false);

  // A request that fails validation erases nothing.
  const refused = await registry.call(
    'DELETE',
    `${acme}/drivers/${driverId}/personal-data`,
    undefined,
    {
      'Idempotency-Key': 'k'.repeat(300),
    },
  );
  expect(refused.status).toBe(400);
  expect(await rowsContaining(name)).toEqual({ driver_personal_data: 1 });

  const erased = await registry.call('DELETE', `${acme}/drivers/${driverId}/personal-data`);
  expect(erased).toMatchObject({
    status: 200,
    body: { driverId, accountId, status: 'erased', personalData: null },
  });

  expect(await rowsContaining(name)).toEqual({});
  expect(await rowsContaining(email)).toEqual({});
  const after = await registryEvents();
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after.slice(before.length).map((e) => e.type)).toEqual([
    'chargeledger.registry.DriverPersonalDataErased.v1',
  ]);
  expect(after.some((e) => e.raw.includes(name) || e.raw.includes(email))).toBe(false);
  const billingIds = [accountId, driverId];
  expect(billingIds.every((id) => after.some((e) => e.raw.includes(id)))).toBe(true);
  const decision = await registry.call('GET', `${acme}/tokens/${token.uid}/authorization`);
  expect(decision.body).toMatchObject({ status: 'ACCEPTED' });

  const again = await registry.call('DELETE', `${acme}/drivers/${driverId}/personal-data`);
  expect(again.body).toMatchObject({
    status: 409,
    code: 'REGISTRY.DRIVER_PERSONAL_DATA_ALREADY_ERASED',
  });
  const otherTenant = await registry.call(
    'DELETE',
    `/v1/operators/globex/drivers/${driverId}/personal-data`,
  );
  expect(otherTenant.body).toMatchObject({ status: 404, code: 'REGISTRY.DRIVER_NOT_FOUND' });
});
