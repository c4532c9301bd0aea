/**
 * Authentication and tenancy of the operator API against the real service: every
 * operator route refuses a missing or bad token with 401, a gateway or driver token with
 * 403, and answers another operator's path with the generic 404 and no data, for every
 * route in the generated OpenAPI document (fast-check over routes x foreign operators).
 */
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { ConfigError } from '@chargeledger/shared/config';
import { bootstrapService } from '@chargeledger/platform/service';
import { RegistryModule } from './registry.module';
import { startRegistry, type RegistryFixture } from './testing/registry.fixture';

let registry: RegistryFixture;
const acme = '/v1/operators/acme';
const NOT_FOUND = {
  type: 'urn:chargeledger:problem:REQUEST.NOT_FOUND',
  title: 'Not found',
  status: 404,
  detail: 'there is nothing at this address for the caller',
  code: 'REQUEST.NOT_FOUND',
};

beforeAll(async () => {
  registry = await startRegistry();
  const site = { siteId: 'depot-1', name: 'Depot', countryCode: 'DK', timeZone: 'Europe/Paris' };
  expect((await registry.call('POST', `${acme}/sites`, site)).status).toBe(201);
});
afterAll(() => registry.cleanup());

interface Route {
  readonly method: string;
  readonly path: string;
}

/**
 * Every route under /v1/operators/{operatorId} in the OpenAPI document, whether it
 * declares security or not, so a controller that forgets @Authenticated is caught.
 */
async function operatorRoutes(): Promise<Route[]> {
  const { body } = await registry.call('GET', '/openapi.json');
  const { paths } = body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(paths)
    .filter(([path]) => path.startsWith('/v1/operators/{operatorId}'))
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
    );
}

function concrete(route: Route, operatorId: string, id: string): string {
  return route.path
    .replace('{operatorId}', operatorId)
    .replace(/\{[A-Za-z]+\}/g, encodeURIComponent(id));
}

async function signed(claims: Record<string, unknown>, secret = registry.secret, exp = '1h') {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience('chargeledger')
    .setIssuedAt()
    .setExpirationTime(exp);
  return `Bearer ${await jwt.sign(new TextEncoder().encode(secret))}`;
}

describe('authentication', () => {
  it('covers every operator route, and leaves the OpenAPI document and health public', async () => {
    const routes = await operatorRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect((await registry.call('GET', '/openapi.json')).status).toBe(200);
    expect((await registry.call('GET', '/healthz')).status).toBe(200);
  });

  it('answers a missing token with 401 and a Bearer challenge', async () => {
    const response = await fetch(`${registry.service.url}${acme}/sites`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ status: 401, code: 'AUTH.TOKEN_MISSING' });
  });

  it.each([
    ['not a bearer token', () => Promise.resolve('Basic YWNtZTpzZWNyZXQ=')],
    ['a garbled token', () => Promise.resolve('Bearer abc.def.ghi')],
    [
      'another secret',
      () => signed({ sub: 'x', operator_id: 'acme', role: 'operator' }, 'x'.repeat(32)),
    ],
    [
      'an expired token',
      () => signed({ sub: 'x', operator_id: 'acme', role: 'operator' }, undefined, '-2m'),
    ],
    ['no role claim', () => signed({ sub: 'x', operator_id: 'acme' })],
    ['an unknown role', () => signed({ sub: 'x', operator_id: 'acme', role: 'admin' })],
    ['no subject', () => signed({ operator_id: 'acme', role: 'operator' })],
    ['an unsigned token', () => Promise.resolve(`Bearer ${unsignedToken()}`)],
  ])('answers %s with 401 AUTH.TOKEN_INVALID or MISSING', async (_, token) => {
    const reply = await registry.call('GET', `${acme}/sites/depot-1`, undefined, {
      authorization: await token(),
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({
      status: 401,
      code: expect.stringMatching(/^AUTH\.TOKEN_/) as unknown,
    });
    expect(JSON.stringify(reply.body)).not.toContain('Depot');
  });

  it.each(['gateway', 'driver'] as const)('answers a %s token with 403', async (role) => {
    const reply = await registry.call(
      'POST',
      `${acme}/sites`,
      { siteId: 'x' },
      {
        authorization: await registry.bearer('acme', role),
      },
    );
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ status: 403, code: 'AUTH.ROLE_FORBIDDEN' });
  });

  it('answers every route under another operator with the generic 404 and no data', async () => {
    const routes = await operatorRoutes();
    const foreignOperator = fc
      .stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/)
      .filter((o) => o !== 'acme');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        foreignOperator,
        fc.constantFrom('depot-1', 'CP-01', '00000000-0000-4000-8000-000000000000'),
        async (route, foreign, id) => {
          const reply = await registry.call(
            route.method,
            concrete(route, foreign, id),
            route.method === 'GET' ? undefined : {},
            {
              authorization: await registry.bearer('acme'),
              'Idempotency-Key': 'cross-tenant',
            },
          );
          expect({ route, status: reply.status, body: reply.body }).toEqual({
            route,
            status: 404,
            body: NOT_FOUND,
          });
        },
      ),
      { numRuns: 150 },
    );
    // Nothing was written for anyone: globex still has no sites, acme only its own.
    expect((await registry.call('GET', '/v1/operators/globex/sites')).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await registry.call('GET', `${acme}/sites`)).body).toMatchObject({
      items: [{ siteId: 'depot-1' }],
    });
  });

  it('answers every route with 401 without a valid token and 403 for gateway or driver tokens', async () => {
    const routes = await operatorRoutes();
    const callers = {
      none: { status: 401, authorization: () => Promise.resolve('') },
      garbled: { status: 401, authorization: () => Promise.resolve('Bearer a.b.c') },
      expired: {
        status: 401,
        authorization: () =>
          signed({ sub: 'x', operator_id: 'acme', role: 'operator' }, undefined, '-2m'),
      },
      gateway: { status: 403, authorization: () => registry.bearer('acme', 'gateway') },
      driver: { status: 403, authorization: () => registry.bearer('acme', 'driver') },
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...(Object.keys(callers) as (keyof typeof callers)[])),
        fc.constantFrom('acme', 'globex'),
        async (route, caller, operator) => {
          const { status, authorization } = callers[caller];
          const reply = await registry.call(
            route.method,
            concrete(route, operator, 'depot-1'),
            route.method === 'GET' ? undefined : { siteId: 'depot-x' },
            { authorization: await authorization() },
          );
          expect({ route, caller, status: reply.status }).toEqual({ route, caller, status });
          expect(JSON.stringify(reply.body)).not.toContain('Depot');
        },
      ),
      { numRuns: 100 },
    );
    expect((await registry.call('GET', `${acme}/sites`)).body).toMatchObject({
      items: [{ siteId: 'depot-1' }],
      nextCursor: null,
    });
  });

  it("answers an unknown route exactly like another operator's resource", async () => {
    const reply = await registry.call('GET', `${acme}/no-such-things/1`);
    expect(reply).toMatchObject({ status: 404, body: NOT_FOUND });
  });

  it('describes the bearer scheme and the 401/403 answers in the OpenAPI document', async () => {
    const { body } = await registry.call('GET', '/openapi.json');
    const document = body as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.components.securitySchemes['bearer']).toMatchObject({ scheme: 'bearer' });
    expect(
      Object.keys(document.paths['/v1/operators/{operatorId}/sites']?.['get']?.responses ?? {}),
    ).toEqual(expect.arrayContaining(['200', '401', '403', '404']));
  });
});

it('refuses to start without a token key, naming the variables', async () => {
  const started = bootstrapService(
    { app: 'registry', httpPort: 3001, module: RegistryModule },
    {
      NATS_URL: registry.suite.natsUrl,
      DATABASE_URL: registry.suite.databaseUrl,
      LOG_LEVEL: 'fatal',
    },
  );
  await expect(started).rejects.toBeInstanceOf(ConfigError);
  await expect(started).rejects.toThrow(/AUTH_JWT_SECRET \| AUTH_JWT_PUBLIC_KEY \| AUTH_JWKS_URL/);
});

function unsignedToken(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: 'none' })}.${part({ sub: 'x', operator_id: 'acme', role: 'operator', aud: 'chargeledger', exp })}.`;
}
