import { ConfigError, loadConfig } from './load-config';
import { serviceConfigSchema } from './service-config.schema';

const schema = serviceConfigSchema({ app: 'rating', httpPort: 3003 });

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
  }
  throw new Error('expected a ConfigError');
}

describe('service configuration', () => {
  it('defaults to the local stack', () => {
    expect(loadConfig(schema, {})).toMatchObject({
      NATS_URL: 'nats://127.0.0.1:4222',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      DB_SCHEMA: 'rating',
      HTTP_PORT: 3003,
      OTEL_ENABLED: false,
      EVENT_NAMESPACE: '',
      AUTH_JWT_AUDIENCE: 'chargeledger',
    });
    // No token key by default: a service that authenticates must be given one.
    expect(loadConfig(schema, {}).AUTH_JWT_SECRET).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { HTTP_PORT: '' }).HTTP_PORT).toBe(3003);
  });

  it.each([
    [{ HTTP_PORT: 'eighty' }, 'HTTP_PORT'],
    [{ HTTP_PORT: '70000' }, 'HTTP_PORT'],
    [{ NATS_URL: 'http://x:4222' }, 'NATS_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DB_SCHEMA: 'Rating; drop' }, 'DB_SCHEMA'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ OTEL_ENABLED: 'yes' }, 'OTEL_ENABLED'],
    [{ EVENT_NAMESPACE: 'Has.Dots' }, 'EVENT_NAMESPACE'],
    [{ AUTH_JWT_SECRET: 'too-short-to-be-a-secret' }, 'AUTH_JWT_SECRET'],
    [{ AUTH_JWT_PUBLIC_KEY: 'ssh-ed25519 AAAA' }, 'AUTH_JWT_PUBLIC_KEY'],
    [{ AUTH_JWKS_URL: 'http://idp.example/jwks.json' }, 'AUTH_JWKS_URL'],
    [
      { AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_JWT_SECRET: 's'.repeat(32) },
      'AUTH_JWKS_URL',
    ],
  ])('names the bad variable in %j', (env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`invalid configuration: ${variable}`);
    expect(error.message).toContain(JSON.stringify(Object.values(env)[0]));
  });
});
