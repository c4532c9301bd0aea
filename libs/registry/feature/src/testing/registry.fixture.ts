/**
 * Boots the registry service for its tests (see `startServiceUnderTest`): an isolated
 * namespace and schema, a per-suite token secret, and an HTTP client that authenticates
 * as the operator in the path unless the caller passes its own `authorization` header.
 */
import { startServiceUnderTest, type ServiceUnderTest } from '@chargeledger/service-testing';
import { REGISTRY_PROBLEMS } from '../http/registry-refusal.problem';
import { REGISTRY_MIGRATIONS } from '../migrations/registry.migrations';
import { RegistryModule } from '../registry.module';

export type { Reply } from '@chargeledger/service-testing';

export interface RegistryFixture extends ServiceUnderTest {
  /** The registry's schema, for tests that read its tables directly. */
  readonly schema: string;
}

export async function startRegistry(): Promise<RegistryFixture> {
  const underTest = await startServiceUnderTest(() => ({
    app: 'registry',
    httpPort: 3001,
    module: RegistryModule,
    migrations: REGISTRY_MIGRATIONS,
    problems: REGISTRY_PROBLEMS,
  }));
  return { ...underTest, schema: `${underTest.suite.schemaPrefix}registry` };
}
