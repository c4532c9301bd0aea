/**
 * The configuration every chargeledger service reads from its environment. One schema,
 * parsed once at boot; the first bad value stops the process with a message naming the
 * variable. Defaults are the local stack's.
 */
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
const url = (schemes: readonly string[]) =>
  z
    .url()
    .refine(
      (v) => schemes.some((s) => v.startsWith(`${s}://`)),
      `must start with ${schemes.join(':// or ')}://`,
    );

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** Where API tokens' keys come from; a service with an authenticated API needs exactly one. */
export const API_TOKEN_KEY_VARIABLES = [
  'AUTH_JWT_SECRET',
  'AUTH_JWT_PUBLIC_KEY',
  'AUTH_JWKS_URL',
] as const;

export function serviceConfigSchema(defaults: { app: string; httpPort: number }) {
  return z
    .object({
      NATS_URL: url(['nats', 'tls']).default('nats://127.0.0.1:4222'),
      DATABASE_URL: url(['postgres', 'postgresql']).default(
        'postgres://postgres@127.0.0.1:5432/postgres',
      ),
      DB_SCHEMA: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier')
        .default(defaults.app),
      DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
      HTTP_HOST: z.string().min(1).default('127.0.0.1'),
      /** 0 takes any free port (tests); the started service's url says which. */
      HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(defaults.httpPort),
      HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(1_048_576),
      LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
      /** Empty in production; a label isolates streams and subjects (tests, demos). */
      EVENT_NAMESPACE: z
        .string()
        .regex(/^[a-z0-9]{0,24}$/, 'must be empty or up to 24 lowercase letters and digits')
        .default(''),
      STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
      SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
      NATS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
      OTEL_ENABLED: booleanFlag.default(false),
      OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).default('http://127.0.0.1:4318'),
      /** Fault points for chaos runs, e.g. `after-commit=pause:2000,before-ack=crash`. */
      FAULT_HOOKS: z.string().default(''),
      /**
       * API tokens (JWT). HS256 with a shared secret for local and test stacks; RS256/ES256/
       * EdDSA with a PEM public key or a JWKS URL in production. No default: a service with
       * an authenticated API refuses to start without one of the three.
       */
      AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
      AUTH_JWT_PUBLIC_KEY: z
        .string()
        .regex(/^-----BEGIN PUBLIC KEY-----/, 'must be a PEM SPKI public key')
        .optional(),
      AUTH_JWKS_URL: url(['https']).optional(),
      AUTH_JWT_ISSUER: z.string().min(1).optional(),
      AUTH_JWT_AUDIENCE: z.string().min(1).default('chargeledger'),
    })
    .superRefine((config, context) => {
      const given = API_TOKEN_KEY_VARIABLES.filter((name) => config[name] !== undefined);
      if (given.length > 1)
        context.addIssue({
          code: 'custom',
          path: [given[1] ?? ''],
          message: `must not be set together with ${given[0] ?? ''}: give one key source`,
        });
    });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>> & {
  readonly app: string;
};
