/**
 * Boots the registry service against an isolated namespace and schema on the shared
 * NATS and Postgres, with a small HTTP client that returns status, body and content type.
 */
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
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  cleanup(): Promise<void>;
}

export async function startRegistry(): Promise<RegistryFixture> {
  const suite = await startIsolatedSuite();
  const schema = `${suite.schemaPrefix}registry`;
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
    },
  );
  return {
    suite,
    service,
    schema,
    call: async (method, path, body, headers = {}) => {
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
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
