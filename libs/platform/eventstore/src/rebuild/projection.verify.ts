/**
 * Verifies a rebuild: the canonical dump of each projection table in the live and the
 * rebuild schema, hashed with SHA-256, compared row by row to name the first difference.
 * Both dumps are read in one repeatable-read, read-only transaction (one snapshot, with
 * TimeZone and IntervalStyle fixed so timestamps and intervals print the same), through
 * cursors in bounded batches. Bookkeeping tables are left out unless asked for: claims and
 * checkpoints record how events arrived, not what the read model says.
 */
import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Projection } from '../consume/projection';
import { CanonicalCursor } from './canonical-dump';

export const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set([
  'processed_events',
  'consumer_checkpoints',
  'dead_letters',
  'typeorm_migrations',
]);
const DEFAULT_BATCH_SIZE = 500;

export interface VerifyOptions {
  readonly dataSource: DataSource;
  readonly liveSchema: string;
  readonly rebuildSchema: string;
  readonly tables: Projection['tables'];
  /** Rows per cursor fetch; bounds memory. */
  readonly batchSizeMax?: number;
  readonly includeBookkeeping?: boolean;
}

export interface RowDifference {
  /** Zero-based position in the canonical order. */
  readonly index: number;
  /** Canonical row text; absent where that side has no row at `index`. */
  readonly live?: string;
  readonly rebuild?: string;
}

export interface TableVerification {
  readonly name: string;
  readonly liveHash: string;
  readonly rebuildHash: string;
  readonly liveRows: number;
  readonly rebuildRows: number;
  readonly firstDifference?: RowDifference;
}

export interface Verification {
  readonly equal: boolean;
  readonly tables: readonly TableVerification[];
}

export async function verifyProjection(options: VerifyOptions): Promise<Verification> {
  const batchSizeMax = options.batchSizeMax ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSizeMax) || batchSizeMax < 1)
    throw new RangeError('batchSizeMax must be a positive integer');
  const tables = options.tables.filter(
    (table) => options.includeBookkeeping === true || !BOOKKEEPING_TABLES.has(table.name),
  );
  const tx = options.dataSource.createQueryRunner();
  await tx.connect();
  try {
    await tx.startTransaction('REPEATABLE READ');
    await tx.query('SET TRANSACTION READ ONLY');
    await tx.query(`SET LOCAL TimeZone = 'UTC'`);
    await tx.query(`SET LOCAL IntervalStyle = 'iso_8601'`);
    const results: TableVerification[] = [];
    for (const [index, table] of tables.entries()) {
      results.push(await compareTable(tx, options, table, `verify_${index}`, batchSizeMax));
    }
    await tx.commitTransaction();
    return {
      equal: results.every((table) => table.liveHash === table.rebuildHash),
      tables: results,
    };
  } finally {
    if (tx.isTransactionActive) await tx.rollbackTransaction();
    await tx.release();
  }
}

async function compareTable(
  tx: QueryRunner,
  options: VerifyOptions,
  table: Projection['tables'][number],
  cursorPrefix: string,
  batchSizeMax: number,
): Promise<TableVerification> {
  const open = (schema: string, side: string): Promise<CanonicalCursor> =>
    CanonicalCursor.open(
      tx,
      `${cursorPrefix}_${side}`,
      { schema, name: table.name, orderBy: table.orderBy },
      batchSizeMax,
    );
  const live = await open(options.liveSchema, 'live');
  const rebuild = await open(options.rebuildSchema, 'rebuild');
  const liveHash = createHash('sha256');
  const rebuildHash = createHash('sha256');
  let liveRows = 0;
  let rebuildRows = 0;
  let firstDifference: RowDifference | undefined;
  for (let index = 0; ; index++) {
    const liveRow = await live.read();
    const rebuildRow = await rebuild.read();
    if (liveRow === undefined && rebuildRow === undefined) break;
    if (liveRow !== undefined) {
      liveHash.update(`${liveRow}\n`);
      liveRows++;
    }
    if (rebuildRow !== undefined) {
      rebuildHash.update(`${rebuildRow}\n`);
      rebuildRows++;
    }
    if (firstDifference === undefined && liveRow !== rebuildRow) {
      firstDifference = {
        index,
        ...(liveRow === undefined ? {} : { live: liveRow }),
        ...(rebuildRow === undefined ? {} : { rebuild: rebuildRow }),
      };
    }
  }
  await live.close();
  await rebuild.close();
  return {
    name: table.name,
    liveHash: liveHash.digest('hex'),
    rebuildHash: rebuildHash.digest('hex'),
    liveRows,
    rebuildRows,
    ...(firstDifference === undefined ? {} : { firstDifference }),
  };
}

/** A readable report: one line per table, and the first differing row where there is one. */
export function formatVerification(verification: Verification): string {
  const lines = [verification.equal ? 'rebuild matches live' : 'rebuild DIFFERS from live'];
  for (const table of verification.tables) {
    const same = table.liveHash === table.rebuildHash;
    lines.push(
      `${table.name}: ${same ? 'equal' : 'different'}, live ${table.liveRows} rows sha256:${table.liveHash}, rebuild ${table.rebuildRows} rows sha256:${table.rebuildHash}`,
    );
    const difference = table.firstDifference;
    if (difference === undefined) continue;
    lines.push(`  first difference at row ${difference.index}:`);
    lines.push(`    live:    ${difference.live ?? '(no row)'}`);
    lines.push(`    rebuild: ${difference.rebuild ?? '(no row)'}`);
  }
  return lines.join('\n');
}
