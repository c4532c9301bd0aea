/**
 * The canonical dump of a table, row by row. Each row is JSON with its top-level keys in
 * bytewise order and each value as Postgres' jsonb text (numerics exact, never through a
 * JS number); rows come in key order with text keys compared bytewise (COLLATE "C"), and
 * ties broken by the row text, so the same rows give the same bytes on any database.
 * Rows stream through a server-side cursor a bounded batch at a time; the caller runs
 * this inside one read-only transaction with TimeZone fixed (see projection.verify.ts).
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import { assertIdentifier } from './rebuild-schema';

const RowBatch = z.array(z.object({ canonical: z.string() }));
const KeyColumns = z.array(z.object({ name: z.string(), collatable: z.boolean() }));

/** `orderBy` is a comma-separated list of column names, e.g. `operator_id, session_id`. */
async function orderByClause(
  tx: QueryRunner,
  schema: string,
  table: string,
  orderBy: string,
): Promise<string> {
  const names = orderBy.split(',').map((name) => assertIdentifier(name.trim(), 'order-by column'));
  const columns = KeyColumns.parse(
    await tx.query(
      `SELECT a.attname AS name, a.attcollation <> 0 AS collatable
       FROM pg_attribute a
       WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
         AND a.attname = ANY($2::text[])`,
      [`"${schema}"."${table}"`, names],
    ),
  );
  const byName = new Map(columns.map((column) => [column.name, column]));
  const keys = names.map((name) => {
    const column = byName.get(name);
    if (column === undefined) throw new RangeError(`${schema}.${table} has no column ${name}`);
    return column.collatable ? `source."${name}" COLLATE "C"` : `source."${name}"`;
  });
  return [...keys, 'canonical.text COLLATE "C"'].join(', ');
}

export class CanonicalCursor {
  private buffer: string[] = [];
  private next = 0;
  private exhausted = false;

  private constructor(
    private readonly tx: QueryRunner,
    private readonly name: string,
    private readonly batchSizeMax: number,
  ) {}

  /** Declares the cursor; `name` must be unique within the transaction. */
  static async open(
    tx: QueryRunner,
    name: string,
    table: { schema: string; name: string; orderBy: string },
    batchSizeMax: number,
  ): Promise<CanonicalCursor> {
    const schema = assertIdentifier(table.schema, 'schema');
    const tableName = assertIdentifier(table.name, 'table');
    const order = await orderByClause(tx, schema, tableName, table.orderBy);
    await tx.query(
      `DECLARE "${assertIdentifier(name, 'cursor')}" NO SCROLL CURSOR FOR
       SELECT canonical.text AS canonical
       FROM "${schema}"."${tableName}" AS source
       CROSS JOIN LATERAL (
         SELECT '{' || coalesce(string_agg(to_jsonb(field.key)::text || ':' || field.value::text, ','
                ORDER BY field.key COLLATE "C"), '') || '}' AS text
         FROM jsonb_each(to_jsonb(source.*)) AS field
       ) AS canonical
       ORDER BY ${order}`,
    );
    return new CanonicalCursor(tx, name, batchSizeMax);
  }

  /** The next row's canonical text, or undefined after the last row. */
  async read(): Promise<string | undefined> {
    if (this.next >= this.buffer.length && !this.exhausted) {
      this.buffer = RowBatch.parse(
        await this.tx.query(`FETCH FORWARD ${this.batchSizeMax} FROM "${this.name}"`),
      ).map((row) => row.canonical);
      this.next = 0;
      this.exhausted = this.buffer.length < this.batchSizeMax;
    }
    const row = this.buffer[this.next];
    if (row !== undefined) this.next++;
    return row;
  }

  async close(): Promise<void> {
    await this.tx.query(`CLOSE "${this.name}"`);
  }
}
