/**
 * Each service owns one Postgres schema. The connection's search_path is that schema, so
 * migrations and queries use unqualified names and a test can point a whole service at a
 * throwaway schema. Migrations run at start under an advisory lock, so replicas starting
 * together apply them once.
 */
import { DataSource, MigrationExecutor, type MixedList, type EntitySchema } from 'typeorm';

export type MigrationClass = new () => { up: unknown; down: unknown };

export interface ServiceDatabaseOptions {
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
  readonly applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity type
  readonly entities: MixedList<Function | string | EntitySchema>;
  readonly migrations: readonly MigrationClass[];
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function createServiceDataSource(options: ServiceDatabaseOptions): DataSource {
  if (!SCHEMA_NAME.test(options.schema))
    throw new RangeError(`invalid schema name ${options.schema}`);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    applicationName: options.applicationName,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    entities: options.entities,
    migrations: [...options.migrations],
    poolSize: options.poolSize,
    connectTimeoutMS: 5_000,
    extra: {
      options: `-c search_path=${options.schema}`,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
    },
  });
}

/** Creates the schema if needed and applies pending migrations, once across replicas. */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock(hashtext($1))', [
      `chargeledger.migrations.${schema}`,
    ]);
    await lockRunner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    // Migrations run on the connection that holds the lock, so a pool of one suffices.
    const executor = new MigrationExecutor(dataSource, lockRunner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock(hashtext($1))', [
      `chargeledger.migrations.${schema}`,
    ]);
    await lockRunner.release();
  }
}
