/**
 * Tenant scoping on real Postgres: a repository reads only the context tenant's rows,
 * refuses to run outside a tenant context, and refuses SQL that does not use the tenant.
 */
import { z } from 'zod';
import type { EntityManager } from 'typeorm';
import { runAsTenant, TenantContextMissingError } from '@chargeledger/shared/tenancy';
import { startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { createServiceDataSource, migrate } from './data-source';
import { PLATFORM_MIGRATIONS } from './index';
import { TenantScopedRepository } from './tenant-scoped.repository';

class ProcessedEventsRepository extends TenantScopedRepository {
  static of(manager: EntityManager): ProcessedEventsRepository {
    return new ProcessedEventsRepository(manager);
  }
  eventIds(): Promise<{ event_id: string }[]> {
    return this.queryForTenant(
      z.object({ event_id: z.uuid() }),
      'SELECT event_id FROM processed_events WHERE operator_id = $1 ORDER BY event_id',
    );
  }
  everything(): Promise<unknown[]> {
    return this.queryForTenant(z.unknown(), 'SELECT * FROM processed_events');
  }
}

let suite: IsolatedSuite;
const dataSourceOf = (schema: string) =>
  createServiceDataSource({
    url: suite.databaseUrl,
    schema,
    poolSize: 2,
    applicationName: 'test',
    entities: [],
    migrations: [...PLATFORM_MIGRATIONS],
  });

beforeAll(async () => {
  suite = await startIsolatedSuite();
});
afterAll(async () => {
  await suite.cleanup();
});

it('migrates a schema once, even when asked twice', async () => {
  const dataSource = dataSourceOf(`${suite.schemaPrefix}twice`);
  await dataSource.initialize();
  expect(await migrate(dataSource, `${suite.schemaPrefix}twice`)).toEqual([
    'EventProcessingTables1764201600000',
    'DeadLetters1764201600001',
    'ProcessedEventsKeyByEvent1764840000000',
  ]);
  expect(await migrate(dataSource, `${suite.schemaPrefix}twice`)).toEqual([]);
  await dataSource.destroy();
});

it('scopes every query to the tenant in context', async () => {
  const schema = `${suite.schemaPrefix}tenancy`;
  const dataSource = dataSourceOf(schema);
  await dataSource.initialize();
  await migrate(dataSource, schema);
  await dataSource.query(
    `INSERT INTO processed_events (consumer, event_id, operator_id, stream_sequence) VALUES
      ('c', '00000000-0000-4000-8000-000000000001', 'acme', 1),
      ('c', '00000000-0000-4000-8000-000000000002', 'other', 2)`,
  );
  const repository = ProcessedEventsRepository.of(dataSource.manager);

  await expect(runAsTenant('acme', () => repository.eventIds())).resolves.toEqual([
    { event_id: '00000000-0000-4000-8000-000000000001' },
  ]);
  await expect(runAsTenant('nobody', () => repository.eventIds())).resolves.toEqual([]);
  await expect(repository.eventIds()).rejects.toThrow(TenantContextMissingError);
  await expect(runAsTenant('acme', () => repository.everything())).rejects.toThrow(
    /operator_id = \$1/,
  );
  await dataSource.destroy();
});
