/** Leftovers of killed suites older than the bound are removed; fresh ones are kept. */
import { connect } from 'nats';
import { Client } from 'pg';
import { isolatedNamespace } from '@chargeledger/contracts';
import {
  STALE_SUITE_AGE_MS,
  suiteCreatedAtMs,
  suiteLabel,
  sweepStaleSuites,
} from './stale-suites.sweep';
import { startIsolatedSuite } from './test-infrastructure';

it('reads the creation time back from stream and schema names', () => {
  const label = suiteLabel(1_800_000_000_000);
  expect(label).toMatch(/^[0-9a-z]{7}[0-9a-f]{6}$/);
  expect(suiteCreatedAtMs(`${isolatedNamespace(label).streamPrefix}EVT_RATING`)).toBe(
    1_800_000_000_000,
  );
  expect(suiteCreatedAtMs(`t_${label}_registry`)).toBe(1_800_000_000_000);
  expect(suiteCreatedAtMs('EVT_RATING')).toBeUndefined();
  expect(suiteCreatedAtMs('t_deadbeef00_rating')).toBeUndefined();
});

it('removes only stale suites', async () => {
  const suite = await startIsolatedSuite();
  const now = Date.now();
  const stale = suiteLabel(now - STALE_SUITE_AGE_MS - 60_000);
  const fresh = suiteLabel(now - 60_000);
  const connection = await connect({ servers: suite.natsUrl });
  const jsm = await connection.jetstreamManager();
  const client = new Client({ connectionString: suite.databaseUrl });
  await client.connect();
  try {
    for (const label of [stale, fresh]) {
      const { streamPrefix, subjectPrefix } = isolatedNamespace(label);
      await jsm.streams.add({ name: `${streamPrefix}PROBE`, subjects: [`${subjectPrefix}probe`] });
      await client.query(`CREATE SCHEMA "t_${label}_probe"`);
    }
    const removed = await sweepStaleSuites(suite.natsUrl, suite.databaseUrl, now);
    expect(removed.sort()).toEqual([`T${stale.toUpperCase()}_PROBE`, `t_${stale}_probe`].sort());
    await expect(jsm.streams.info(`T${fresh.toUpperCase()}_PROBE`)).resolves.toBeDefined();
  } finally {
    await jsm.streams.delete(`T${fresh.toUpperCase()}_PROBE`);
    await client.query(`DROP SCHEMA IF EXISTS "t_${fresh}_probe"`);
    await client.end();
    await connection.close();
    await suite.cleanup();
  }
});
