/**
 * Driver groups and loyalty memberships over the operator API, against real NATS and
 * Postgres: each command with its refusals as problem+json reason codes, tenant
 * isolation, idempotent retries, pagination and the OpenAPI document.
 */
import { z } from 'zod';
import { startRegistry, type RegistryFixture } from './testing/registry.fixture';

let registry: RegistryFixture;
const acme = '/v1/operators/acme';
const other = '/v1/operators/globex';
const unknownDriver = '0190c3d2-7b1a-7c4e-9f00-00000000dead';

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.cleanup());

const registerDriver = () =>
  registry.registerDriver('acme', { name: 'Gus Group', email: 'gus@example.test' });

describe('driver groups', () => {
  it('creates a group, adds and removes drivers, members sorted', async () => {
    const [first, second] = [await registerDriver(), await registerDriver()];
    expect(
      await registry.call('POST', `${acme}/driver-groups`, { groupId: 'night' }),
    ).toMatchObject({ status: 201, body: { groupId: 'night', driverIds: [] } });
    for (const driverId of [first, second])
      expect(
        (await registry.call('POST', `${acme}/driver-groups/night/members`, { driverId })).status,
      ).toBe(200);
    const sorted = [first, second].sort();
    expect((await registry.call('GET', `${acme}/driver-groups/night`)).body).toEqual({
      groupId: 'night',
      driverIds: sorted,
    });
    const removed = await registry.call('DELETE', `${acme}/driver-groups/night/members/${first}`);
    expect(removed).toMatchObject({ status: 200, body: { driverIds: [second] } });
    expect((await registry.call('GET', `${acme}/driver-groups?limit=1`)).body).toMatchObject({
      items: [{ groupId: 'night' }],
    });
  });

  it('refuses with reason codes: duplicate group, unknown group or driver, membership', async () => {
    const driverId = await registerDriver();
    const call = (method: string, path: string, body?: unknown) =>
      registry.call(method, `${acme}/driver-groups${path}`, body);
    expect((await call('POST', '', { groupId: 'day' })).status).toBe(201);
    const refusals = [
      [await call('POST', '', { groupId: 'day' }), 409, 'REGISTRY.DRIVER_GROUP_ALREADY_CREATED'],
      [await call('POST', '/nope/members', { driverId }), 404, 'REGISTRY.DRIVER_GROUP_NOT_FOUND'],
      [
        await call('POST', '/day/members', { driverId: unknownDriver }),
        409,
        'REGISTRY.UNKNOWN_DRIVER',
      ],
      [await call('DELETE', `/day/members/${driverId}`), 409, 'REGISTRY.DRIVER_NOT_IN_GROUP'],
    ] as const;
    for (const [reply, status, code] of refusals) {
      expect(reply.contentType).toContain('application/problem+json');
      expect(reply.body).toMatchObject({ status, code });
    }
    expect((await call('POST', '/day/members', { driverId })).status).toBe(200);
    expect((await call('POST', '/day/members', { driverId })).body).toMatchObject({
      status: 409,
      code: 'REGISTRY.DRIVER_ALREADY_IN_GROUP',
    });
    const invalid = await call('POST', '/day/members', { driverId: 'not-a-uuid' });
    expect(invalid.body).toMatchObject({ status: 400, errors: [{ path: 'body.driverId' }] });
    expect((await registry.call('GET', `${other}/driver-groups/day`)).body).toMatchObject({
      status: 404,
      code: 'REGISTRY.DRIVER_GROUP_NOT_FOUND',
    });
  });
});

describe('loyalty memberships', () => {
  it('joins, earns, redeems and changes tier, each change an event', async () => {
    const driverId = await registerDriver();
    const member = `${acme}/loyalty-memberships/${driverId}`;
    expect(
      await registry.call('POST', `${acme}/loyalty-memberships`, { driverId, tier: 'BASIC' }),
    ).toMatchObject({ status: 201, body: { driverId, tier: 'BASIC', pointsBalance: 0 } });
    const earn = { points: 250, reason: 'CHARGING_SESSION' };
    const key = { 'Idempotency-Key': `earn-${driverId}` };
    const earned = await registry.call('POST', `${member}/points/earn`, earn, key);
    expect(earned).toMatchObject({ status: 200, body: { pointsBalance: 250 } });
    expect(await registry.call('POST', `${member}/points/earn`, earn, key)).toEqual(earned);
    const redeemed = await registry.call('POST', `${member}/points/redeem`, {
      points: 100,
      reason: 'REWARD',
    });
    expect(redeemed.body).toMatchObject({ pointsBalance: 150 });
    const tier = await registry.call('PUT', `${member}/tier`, { tier: 'GOLD' });
    expect(tier.body).toEqual({ driverId, tier: 'GOLD', pointsBalance: 150 });
    expect((await registry.call('GET', member)).body).toEqual(tier.body);
  });

  it('refuses redeeming more than the balance and other invalid commands', async () => {
    const driverId = await registerDriver();
    const member = `${acme}/loyalty-memberships/${driverId}`;
    const join = { driverId, tier: 'SILVER' };
    expect((await registry.call('POST', `${acme}/loyalty-memberships`, join)).status).toBe(201);
    const refusals = [
      [
        await registry.call('POST', `${member}/points/redeem`, { points: 1, reason: 'REWARD' }),
        409,
        'REGISTRY.LOYALTY_INSUFFICIENT_POINTS',
      ],
      [
        await registry.call('POST', `${acme}/loyalty-memberships`, join),
        409,
        'REGISTRY.LOYALTY_ALREADY_MEMBER',
      ],
      [
        await registry.call('POST', `${acme}/loyalty-memberships`, {
          driverId: unknownDriver,
          tier: 'GOLD',
        }),
        409,
        'REGISTRY.UNKNOWN_DRIVER',
      ],
      [
        await registry.call('PUT', `${member}/tier`, { tier: 'SILVER' }),
        409,
        'REGISTRY.LOYALTY_TIER_UNCHANGED',
      ],
      [
        await registry.call('GET', `${other}/loyalty-memberships/${driverId}`),
        404,
        'REGISTRY.LOYALTY_MEMBERSHIP_NOT_FOUND',
      ],
    ] as const;
    for (const [reply, status, code] of refusals)
      expect(reply.body).toMatchObject({ status, code });
    const fractional = await registry.call('POST', `${member}/points/earn`, {
      points: 1.5,
      reason: 'PROMOTION',
    });
    expect(fractional.body).toMatchObject({ status: 400, errors: [{ path: 'body.points' }] });
  });

  it('documents the new endpoints in the OpenAPI document', async () => {
    const { body } = await registry.call('GET', '/openapi.json');
    const paths = Object.keys(
      z.object({ paths: z.record(z.string(), z.unknown()) }).parse(body).paths,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/operators/{operatorId}/driver-groups/{groupId}/members/{driverId}',
        '/v1/operators/{operatorId}/loyalty-memberships/{driverId}/points/redeem',
        '/v1/operators/{operatorId}/loyalty-memberships/{driverId}/tier',
      ]),
    );
  });
});
