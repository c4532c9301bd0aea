/**
 * Boots the registry service against an isolated namespace and schema on the shared
 * NATS and Postgres, with a per-suite token secret and a small HTTP client that returns
 * status, body and content type. The client authenticates as the operator in the path
 * (role `operator`) unless the caller passes its own `authorization` header ("" = none).
 */
import { randomBytes } from 'node:crypto';
import { mintApiToken, type ApiRole } from '@chargeledger/platform/http';
import { bootstrapService, type RunningService } from '@chargeledger/platform/service';
import { startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { REGISTRY_PROBLEMS } from '../http/registry-refusal.problem';
import { REGISTRY_MIGRATIONS } from '../migrations/registry.migrations';
import { RegistryModule } from '../registry.module';

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
}

export interface RegistryFixture {
  readonly suite: IsolatedSuite;
  readonly service: RunningService;
  readonly schema: string;
  /** The suite's HS256 secret, for tests that sign their own (bad) tokens. */
  readonly secret: string;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  /** `Bearer <jwt>` for an operator and role, valid for an hour. */
  bearer(operatorId: string, role?: ApiRole): Promise<string>;
  cleanup(): Promise<void>;
}

const TOKEN_TTL_S = 3_600;

export async function startRegistry(): Promise<RegistryFixture> {
  const suite = await startIsolatedSuite();
  const schema = `${suite.schemaPrefix}registry`;
  const secret = randomBytes(32).toString('base64url');
  const service = await bootstrapService(
    {
      app: 'registry',
      httpPort: 3001,
      module: RegistryModule,
      migrations: REGISTRY_MIGRATIONS,
      problems: REGISTRY_PROBLEMS,
    },
    {
      NATS_URL: suite.natsUrl,
      DATABASE_URL: suite.databaseUrl,
      EVENT_NAMESPACE: suite.label,
      DB_SCHEMA: schema,
      HTTP_PORT: String(44_000 + Math.floor(Math.random() * 2_000)),
      LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: secret,
    },
  );
  const bearer = async (operatorId: string, role: ApiRole = 'operator') =>
    `Bearer ${await mintApiToken({
      secret,
      operatorId,
      role,
      subject: `${role}-of-${operatorId}`,
      audience: service.config.AUTH_JWT_AUDIENCE,
      issuedAtS: Math.floor(Date.now() / 1000),
      ttlSeconds: TOKEN_TTL_S,
    })}`;
  const authorizationFor = async (path: string, headers: Record<string, string>) => {
    if ('authorization' in headers) return headers['authorization'] || undefined;
    const operator = /^\/v1\/operators\/([^/?]+)/.exec(path)?.[1];
    return operator === undefined ? undefined : bearer(decodeURIComponent(operator));
  };
  return {
    suite,
    service,
    schema,
    secret,
    bearer,
    call: async (method, path, body, headers = {}) => {
      const authorization = await authorizationFor(path, headers);
      const { authorization: _, ...rest } = headers;
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...rest,
          ...(authorization === undefined ? {} : { authorization }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
    },
    cleanup: async () => {
      await service.app.close();
      await suite.cleanup();
    },
  };
}
