/**
 * Boots the registry service for its tests (see `startServiceUnderTest`): an isolated
 * namespace and schema, a per-suite token secret, and an HTTP client that authenticates
 * as the operator in the path unless the caller passes its own `authorization` header.
 */
import { z } from 'zod';
import { startServiceUnderTest, type ServiceUnderTest } from '@chargeledger/service-testing';
import { REGISTRY_PROBLEMS } from '../http/registry-refusal.problem';
import { REGISTRY_MIGRATIONS } from '../migrations/registry.migrations';
import { RegistryModule } from '../registry.module';

export type { Reply } from '@chargeledger/service-testing';

export interface RegistryFixture extends ServiceUnderTest {
  /** The registry's schema, for tests that read its tables directly. */
  readonly schema: string;
  /** Opens an individual account for a new driver of the operator; answers the driver id. */
  registerDriver(operatorId: string, driver: { name: string; email: string }): Promise<string>;
}

export async function startRegistry(): Promise<RegistryFixture> {
  const underTest = await startServiceUnderTest(() => ({
    app: 'registry',
    httpPort: 3001,
    module: RegistryModule,
    migrations: REGISTRY_MIGRATIONS,
    problems: REGISTRY_PROBLEMS,
  }));
  const operator = (operatorId: string) => `/v1/operators/${operatorId}`;
  return {
    ...underTest,
    schema: `${underTest.suite.schemaPrefix}registry`,
    registerDriver: async (operatorId, driver) => {
      const account = await underTest.call('POST', `${operator(operatorId)}/customer-accounts`, {
        kind: 'individual',
        billingMode: 'per_session',
        currency: 'EUR',
        holder: {
          name: 'Holder',
          billingAddress: { line1: 'Main 1', postalCode: '1000', city: 'Town', countryCode: 'DK' },
        },
      });
      const { accountId } = z.object({ accountId: z.uuid() }).parse(account.body);
      const registered = await underTest.call('POST', `${operator(operatorId)}/drivers`, {
        accountId,
        ...driver,
      });
      return z.object({ driverId: z.uuid() }).parse(registered.body).driverId;
    },
  };
}
