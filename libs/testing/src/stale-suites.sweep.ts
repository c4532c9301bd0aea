/**
 * Suites that were killed (Ctrl-C, a crashed runner) never ran their cleanup. Their
 * labels start with the creation time, so the next suite on the same servers can remove
 * what is older than a bound, and shared servers do not collect test leftovers.
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';

export const STALE_SUITE_AGE_MS = 6 * 3_600_000;
const TIME_DIGITS = 7;
const STREAM_LABEL = /^T([0-9A-Z]{7})[0-9A-F]{6}_/;
const SCHEMA_LABEL = /^t_([0-9a-z]{7})[0-9a-f]{6}_/;

/** A suite label: creation time in base-36 seconds, then randomness. */
export function suiteLabel(nowMs: number): string {
  return (
    Math.floor(nowMs / 1_000)
      .toString(36)
      .padStart(TIME_DIGITS, '0') + randomBytes(3).toString('hex')
  );
}

/** The creation time of a suite's stream or schema, or undefined when it is not one. */
export function suiteCreatedAtMs(name: string): number | undefined {
  const time = STREAM_LABEL.exec(name)?.[1]?.toLowerCase() ?? SCHEMA_LABEL.exec(name)?.[1];
  return time === undefined ? undefined : parseInt(time, 36) * 1_000;
}

function isStale(name: string, nowMs: number): boolean {
  const createdAtMs = suiteCreatedAtMs(name);
  return createdAtMs !== undefined && nowMs - createdAtMs > STALE_SUITE_AGE_MS;
}

export async function sweepStaleSuites(
  natsUrl: string,
  databaseUrl: string,
  nowMs: number,
): Promise<string[]> {
  const removed: string[] = [];
  const connection = await connect({ servers: natsUrl, timeout: 5_000, reconnect: false });
  try {
    const jsm = await connection.jetstreamManager();
    for await (const stream of jsm.streams.names()) {
      if (!isStale(stream, nowMs)) continue;
      await jsm.streams.delete(stream);
      removed.push(stream);
    }
  } finally {
    await connection.close();
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const schemas = await client.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, 't_')",
    );
    for (const { nspname } of schemas.rows.filter((row) => isStale(row.nspname, nowMs))) {
      await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
      removed.push(nspname);
    }
  } finally {
    await client.end();
  }
  return removed;
}
