/**
 * The session-limits API over real HTTP, NATS and Postgres: an operator sets and reads a
 * policy (idempotently, with optimistic concurrency), every bad field is named, a driver
 * tightens only their own session and never loosens it, and a tariff version takes an
 * overstay fee.
 */
import { randomUUID } from 'node:crypto';
import { startRating, type RatingFixture } from '../testing/rating.fixture';

const OP = 'op-limits-api';
const base = `/v1/operators/${OP}`;
let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

const driverOf = (sessionId: string) => rating.bearer(OP, 'driver', sessionId);

it('sets a policy once per Idempotency-Key, reads it, and refuses a stale version', async () => {
  const path = `${base}/session-limits/station/CP-1`;
  expect(await rating.call('GET', path)).toMatchObject({
    status: 404,
    body: { code: 'RATING.SESSION_LIMITS_NOT_FOUND' },
  });
  const body = { maxEnergyWh: 30_000, maxCostExclVat: '25.00', expectedVersion: 0 };
  const key = { 'idempotency-key': randomUUID() };
  const first = await rating.call('PUT', path, body, key);
  expect(first).toMatchObject({
    status: 200,
    body: {
      scope: 'station',
      scopeId: 'CP-1',
      version: 1,
      limits: { maxEnergyWh: 30_000, maxCostExclVat: '25.00' },
    },
  });
  expect(await rating.call('PUT', path, body, key)).toEqual(first);
  expect((await rating.call('GET', `${base}/session-limits/station/cp-1`)).body).toEqual(
    first.body,
  );
  expect(await rating.call('PUT', path, { maxDurationS: 3_600, expectedVersion: 0 })).toMatchObject(
    { status: 409, body: { code: 'RATING.SESSION_LIMITS_CONFLICT' } },
  );
  expect(await rating.call('PUT', path, { maxDurationS: 3_600, expectedVersion: 1 })).toMatchObject(
    { status: 200, body: { version: 2, limits: { maxDurationS: 3_600 } } },
  );
}, 60_000);

it('names every bad field of a setting', async () => {
  const reply = await rating.call('PUT', `${base}/session-limits/account/${randomUUID()}`, {
    maxEnergyWh: -5,
    maxDurationS: 1.5,
    maxCostExclVat: '0.00',
    extra: true,
  });
  expect(reply.status).toBe(400);
  const paths = (reply.body as { errors: { path: string }[] }).errors.map((e) => e.path);
  expect(paths.sort()).toEqual(
    ['body', 'body.maxCostExclVat', 'body.maxDurationS', 'body.maxEnergyWh'].sort(),
  );
  const badScope = await rating.call('PUT', `${base}/session-limits/site/S-1`, {});
  expect(badScope).toMatchObject({ status: 400, body: { errors: [{ path: 'path.scope' }] } });
  const badId = await rating.call('PUT', `${base}/session-limits/driver/not-a-uuid`, {});
  expect(badId).toMatchObject({ status: 400, body: { errors: [{ path: 'path.scopeId' }] } });
}, 60_000);

it("lets a driver only tighten their own session's limits", async () => {
  const sessionId = randomUUID();
  const path = `${base}/sessions/${sessionId}/limits`;
  const authorization = await driverOf(sessionId);
  expect(await rating.call('PUT', path, { maxEnergyWh: 10_000 }, { authorization })).toMatchObject({
    status: 200,
    body: { scope: 'session', version: 1, limits: { maxEnergyWh: 10_000 } },
  });
  expect(
    await rating.call('PUT', path, { maxEnergyWh: 20_000, maxCostExclVat: '5' }, { authorization }),
  ).toMatchObject({
    status: 422,
    body: { code: 'RATING.SESSION_LIMITS_LOOSENED', errors: [{ path: 'body.maxEnergyWh' }] },
  });
  expect((await rating.call('GET', path, undefined, { authorization })).status).toBe(200);
  const otherDriver = { authorization: await driverOf(randomUUID()) };
  expect((await rating.call('PUT', path, { maxEnergyWh: 1 }, otherDriver)).status).toBe(404);
  expect((await rating.call('GET', path, undefined, otherDriver)).status).toBe(404);
  const policy = `${base}/session-limits/station/CP-1`;
  expect((await rating.call('PUT', policy, {}, { authorization })).status).toBe(403);
}, 60_000);

it('publishes a tariff version with an overstay fee and refuses a bad one', async () => {
  const path = `${base}/tariffs/T-IDLE/versions`;
  const tariff = {
    id: 'T-IDLE',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: '0.30', step_size: 1 }] }],
  };
  const overstay = { graceS: 900, pricePerHour: '9.00', vat: '21', stepS: 300 };
  const reply = await rating.call('POST', path, { tariff, ratingOptions: { overstay } });
  expect(reply).toMatchObject({
    status: 201,
    body: { versions: [{ version: 1, ratingOptions: { overstay } }] },
  });
  const bad = await rating.call('POST', path, {
    tariff,
    ratingOptions: { overstay: { ...overstay, pricePerHour: '-1', graceS: 90_000 } },
  });
  expect(bad.status).toBe(400);
  expect((bad.body as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual([
    'body.ratingOptions.overstay.graceS',
    'body.ratingOptions.overstay.pricePerHour',
  ]);
}, 60_000);
