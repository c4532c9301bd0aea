/**
 * The loyalty programme API on real NATS and Postgres: nothing before a definition, a
 * definition read back with when it was recorded, a later one replacing it, idempotent
 * retries (the same key with another definition refused), invalid bodies refused, and
 * both routes in the OpenAPI document.
 */
import { startRating, type RatingFixture } from '../testing/rating.fixture';

const path = '/v1/operators/op-programme/loyalty-programme';
const gold = { tier: 'GOLD', freeKwh: '1.5', percentOff: '10', pointsPerCurrencyUnit: 2 };
let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

it('defines, replaces and reads the programme; retries once per key', async () => {
  expect(await rating.call('GET', path)).toMatchObject({
    status: 404,
    body: { code: 'RATING.LOYALTY_PROGRAMME_NOT_FOUND' },
  });
  const key = { 'idempotency-key': 'programme-1' };
  const body = { tiers: [gold], pointValue: { amount: '0.01', currency: 'EUR' } };
  const first = await rating.call('PUT', path, body, key);
  expect(first).toMatchObject({ status: 200, body });
  expect(await rating.call('PUT', path, body, key)).toEqual(first);
  expect(await rating.call('PUT', path, { tiers: [] }, key)).toMatchObject({
    status: 422,
    body: { code: 'RATING.IDEMPOTENCY_KEY_REUSED' },
  });
  const replaced = await rating.call('PUT', path, { tiers: [{ ...gold, percentOff: '15' }] });
  expect(replaced).toMatchObject({ status: 200, body: { tiers: [{ percentOff: '15' }] } });
  expect((await rating.call('GET', path)).body).toEqual(replaced.body);
});

it('describes both routes in the OpenAPI document', async () => {
  const reply = await rating.call('GET', '/openapi.json', undefined, { authorization: '' });
  expect(reply.status).toBe(200);
  const operations = JSON.stringify(reply.body);
  for (const id of ['defineLoyaltyProgramme', 'getLoyaltyProgramme'])
    expect(operations).toContain(`"operationId":"${id}"`);
});

it.each([
  ['a tier twice', { tiers: [gold, gold] }],
  ['a percentage above 100', { tiers: [{ ...gold, percentOff: '100.5' }] }],
  ['an unknown tier', { tiers: [{ ...gold, tier: 'DIAMOND' }] }],
  ['negative free kWh', { tiers: [{ ...gold, freeKwh: '-1' }] }],
])('refuses %s', async (_, body) => {
  const reply = await rating.call('PUT', path, body);
  expect(reply.status).toBe(400);
});
