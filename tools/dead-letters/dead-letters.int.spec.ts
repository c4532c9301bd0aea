/** The dead-letters command lists a service's dead letters and marks them for replay. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import {
  createServiceDataSource,
  migrate,
  PLATFORM_MIGRATIONS,
} from '@chargeledger/platform/persistence';
import { startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';

let suite: IsolatedSuite;
let schema: string;

function command(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/dead-letters/dead-letters.ts', ...args],
    {
      cwd: resolve(__dirname, '..', '..'),
      env: { ...process.env, DATABASE_URL: suite.databaseUrl, DB_SCHEMA: schema },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
}

beforeAll(async () => {
  suite = await startIsolatedSuite();
  schema = `${suite.schemaPrefix}rating`;
  const dataSource = createServiceDataSource({
    url: suite.databaseUrl,
    schema,
    poolSize: 1,
    applicationName: 'test',
    entities: [],
    migrations: [...PLATFORM_MIGRATIONS],
  });
  await dataSource.initialize();
  await migrate(dataSource, schema);
  await dataSource.query(
    `INSERT INTO dead_letters (consumer, stream, stream_sequence, subject, error_code, error_message, delivery_count, payload)
     VALUES ('rating-registry', 'EVT_REGISTRY', 7, 'evt.registry.acme.station.p01.cp-1', 'EVENT.INVALID_DATA', 'stationId: required', 1, '\\x7b7d')`,
  );
  await dataSource.destroy();
});
afterAll(() => suite.cleanup());

it('lists dead letters for people and as JSON', () => {
  const listed = command('list', '--app', 'rating');
  expect(listed.status).toBe(0);
  expect(listed.stdout).toContain(
    'rating-registry EVT_REGISTRY#7 evt.registry.acme.station.p01.cp-1 EVENT.INVALID_DATA [parked]',
  );
  const json = command('list', '--app', 'rating', '--json');
  expect(JSON.parse(json.stdout)).toEqual([
    expect.objectContaining({ consumer: 'rating-registry', stream_sequence: 7 }),
  ]);
});

it('marks dead letters for replay by the running service', () => {
  const replay = command(
    'replay',
    '--app',
    'rating',
    '--consumer',
    'rating-registry',
    '--sequence',
    '7',
  );
  expect(replay.stdout).toContain('1 dead letter(s) of rating-registry marked for replay');
  expect(command('list', '--app', 'rating').stdout).toContain('[replay requested]');
});

it('explains bad usage', () => {
  const bad = command('replay', '--app', 'rating');
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('replay needs --consumer');
  expect(command('list', '--app', 'billing').stderr).toContain('--app must be one of');
});
