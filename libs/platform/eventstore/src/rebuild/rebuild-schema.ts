/**
 * The schema a rebuild writes into: `<liveSchema>_rebuild`, dropped if an earlier rebuild
 * left one, then given the platform bookkeeping tables and the projection's own tables,
 * as a new service schema would be. The name always extends the live one, so the live
 * schema is never the target and a test suite's prefix cleanup also removes it. A session
 * advisory lock makes a second rebuild of the same schema fail instead of dropping the
 * first one's tables under it.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { z } from 'zod';
import {
  createServiceDataSource,
  migrate,
  PLATFORM_MIGRATIONS,
  type MigrationClass,
} from '@chargeledger/platform/persistence';

const REBUILD_SUFFIX = '_rebuild';
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** One connection holds the lock, one applies batches, one runs migrations. */
const REBUILD_POOL_SIZE = 3;

export interface RebuildSchemaOptions {
  readonly databaseUrl: string;
  readonly liveSchema: string;
  /** The projection's own migrations, run after the platform ones. */
  readonly migrations: readonly MigrationClass[];
  /** Extra DDL for the projection's tables, run in one transaction after the migrations. */
  readonly prepare?: (tx: QueryRunner) => Promise<void>;
}

export interface RebuildSchema {
  readonly schema: string;
  readonly dataSource: DataSource;
  /** Releases the lock and closes the connections; the schema stays for verify. */
  close(): Promise<void>;
}

/** Schema, table and column names are spliced into SQL, so only plain lowercase names pass. */
export function assertIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name))
    throw new RangeError(`${what} must match ${String(IDENTIFIER)}: ${name}`);
  return name;
}

export function rebuildSchemaOf(liveSchema: string): string {
  assertIdentifier(liveSchema, 'live schema');
  return assertIdentifier(`${liveSchema}${REBUILD_SUFFIX}`, 'rebuild schema');
}

export async function createRebuildSchema(options: RebuildSchemaOptions): Promise<RebuildSchema> {
  const schema = rebuildSchemaOf(options.liveSchema);
  const dataSource = createServiceDataSource({
    url: options.databaseUrl,
    schema,
    poolSize: REBUILD_POOL_SIZE,
    applicationName: 'projection-rebuild',
    entities: [],
    migrations: [...PLATFORM_MIGRATIONS, ...options.migrations],
  });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  const close = async (): Promise<void> => {
    if (!lock.isReleased) await lock.release();
    await dataSource.destroy();
  };
  try {
    await lock.connect();
    const rows: unknown = await lock.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
      `chargeledger.rebuild.${schema}`,
    ]);
    const locked = z.array(z.object({ locked: z.boolean() })).parse(rows)[0]?.locked;
    if (locked !== true) throw new Error(`another rebuild into ${schema} is running`);
    await lock.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await migrate(dataSource, schema);
    if (options.prepare !== undefined) {
      await lock.startTransaction();
      await options.prepare(lock);
      await lock.commitTransaction();
    }
  } catch (error) {
    if (lock.isTransactionActive) await lock.rollbackTransaction();
    await close();
    throw error;
  }
  return { schema, dataSource, close };
}
