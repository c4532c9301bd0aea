/**
 * The rebuild command against a running rating service: its registry view and its session
 * facts (16 partitioned durables) rebuild equal to the live tables and the rebuild schema
 * is dropped; after one live row is changed by hand the command exits 1, names the row
 * and keeps the rebuild for inspection.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { z } from 'zod';
import { sessionIdOf, SessionStartedV1, StationRegisteredV1 } from '@chargeledger/contracts';
import { RATING_MIGRATIONS, RATING_PROBLEMS, RatingModule } from '@chargeledger/rating/feature';
import { startServiceUnderTest, type ServiceUnderTest } from '@chargeledger/service-testing';

const OP = 'op-rebuild-cli';
let rating: ServiceUnderTest;
let schema: string;

function rebuild(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/rebuild/rebuild.ts', '--app', 'rating', ...args],
    {
      cwd: resolve(__dirname, '..', '..'),
      env: {
        ...process.env,
        NATS_URL: rating.suite.natsUrl,
        DATABASE_URL: rating.suite.databaseUrl,
        DB_SCHEMA: schema,
        EVENT_NAMESPACE: rating.suite.label,
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

async function rowsIn(table: string, rows: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [count] = z
      .array(z.object({ n: z.coerce.number() }))
      .parse(await rating.query(`SELECT count(*) AS n FROM ${table}`));
    if (count?.n === rows) return;
    if (Date.now() > deadline) throw new Error(`${table} holds ${count?.n} rows, not ${rows}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function schemaExists(name: string): Promise<boolean> {
  const rows = z
    .array(z.unknown())
    .parse(
      await rating.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [
        name,
      ]),
    );
  return rows.length > 0;
}

beforeAll(async () => {
  rating = await startServiceUnderTest((env) => ({
    app: 'rating',
    httpPort: 3003,
    module: RatingModule.register(env),
    migrations: RATING_MIGRATIONS,
    problems: RATING_PROBLEMS,
  }));
  schema = `${rating.suite.schemaPrefix}rating`;
  const time = '2026-02-01T00:00:00.000Z';
  for (const stationId of ['CP-1', 'CP-2', 'CP-3']) {
    await rating.publish(
      StationRegisteredV1,
      { operatorId: OP, aggregateId: stationId, time },
      {
        stationId,
        siteId: 'site-1',
        ocppVersion: '2.0.1',
        timeZone: 'Europe/Berlin',
        evses: [
          {
            evseId: 1,
            connectors: [{ connectorId: 1, powerType: 'AC_3_PHASE', maxPowerW: 22_000 }],
          },
        ],
        credentialsRef: `station-${stationId}`,
      },
    );
    const sessionId = sessionIdOf(OP, stationId, 'tx-1');
    await rating.publish(
      SessionStartedV1,
      { operatorId: OP, aggregateId: sessionId, time },
      {
        sessionId,
        stationId,
        evseId: 1,
        connectorId: 1,
        transactionId: 'tx-1',
        startedAt: time,
        meterStartWh: '100',
      },
    );
  }
  await rowsIn('rating_stations_v1', 3);
  await rowsIn('rating_session_facts_v1', 3);
}, 60_000);

afterAll(() => rating.cleanup());

it('lists what it can rebuild', () => {
  const listed = rebuild('--list');
  expect(listed.status).toBe(0);
  expect(listed.stdout).toContain('rating-sessions: rating_session_facts_v1');
});

it('rebuilds a view and a partitioned family equal to live, and drops the rebuild', async () => {
  for (const projection of ['rating-registry', 'rating-sessions']) {
    const run = rebuild('--projection', projection);
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
    expect(run.stdout).toContain('rebuild matches live');
    expect(run.stderr).toMatch(/\(100%\)/);
  }
  expect(await schemaExists(`${schema}_rebuild`)).toBe(false);
}, 120_000);

it('names the first differing row when a live row was changed, and keeps the rebuild', async () => {
  await rating.query(
    `UPDATE rating_stations_v1 SET time_zone = 'Asia/Tokyo' WHERE station_id = 'CP-2'`,
  );
  const run = rebuild('--projection', 'rating-registry');
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('rebuild DIFFERS from live');
  expect(run.stdout).toMatch(/rating_stations_v1: different[\s\S]*live: .*Asia\/Tokyo/);
  expect(run.stdout).toMatch(/rebuild: .*Europe\/Berlin/);
  expect(await schemaExists(`${schema}_rebuild`)).toBe(true);
}, 60_000);

it('refuses an unknown projection with the ones there are', () => {
  const run = rebuild('--projection', 'rating-nothing');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(
    'rating-registry, rating-tariffs, rating-session-limits, rating-loyalty-programmes, rating-loyalty-credits, rating-sessions',
  );
});
