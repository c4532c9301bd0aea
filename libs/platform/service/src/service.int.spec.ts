/**
 * The service kit against real NATS and Postgres: a booted service is ready only while
 * its topology exists, migrations apply once, a bad setting stops the process with the
 * variable named, and shutdown closes everything.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { connect } from 'nats';
import { Client } from 'pg';
import { consumerSpecsOf } from '@chargeledger/contracts';
import { startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { bootstrapService, type RunningService } from './bootstrap';

let suite: IsolatedSuite;
let service: RunningService;
const port = 43_300 + Math.floor(Math.random() * 100);

beforeAll(async () => {
  suite = await startIsolatedSuite();
  service = await bootstrapService(
    { app: 'rating', httpPort: port },
    {
      NATS_URL: suite.natsUrl,
      DATABASE_URL: suite.databaseUrl,
      EVENT_NAMESPACE: suite.label,
      DB_SCHEMA: `${suite.schemaPrefix}rating`,
      LOG_LEVEL: 'warn',
    },
  );
});

afterAll(async () => {
  await service.app.close();
  await suite.cleanup();
});

describe('a booted service', () => {
  it('is live and ready with its streams and all its consumers', async () => {
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    const consumers = consumerSpecsOf('rating', suite.namespace).length;
    expect(await ready.json()).toEqual({ status: 'ready', consumers });
  });

  it('answers an unknown route with a problem+json 404 that names nothing', async () => {
    const response = await fetch(`${service.url}/v1/nowhere?x=1`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'urn:chargeledger:problem:REQUEST.NOT_FOUND',
      title: 'Not found',
      status: 404,
      detail: 'there is nothing at this address for the caller',
      code: 'REQUEST.NOT_FOUND',
    });
  });

  it('has applied the platform migrations into its own schema', async () => {
    const client = new Client({ connectionString: suite.databaseUrl });
    await client.connect();
    const tables = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [`${suite.schemaPrefix}rating`],
    );
    await client.end();
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'consumer_checkpoints',
      'dead_letters',
      'processed_events',
      'typeorm_migrations',
    ]);
  });

  it('reports unready, naming what is missing, when a consumer disappears', async () => {
    const connection = await connect({ servers: suite.natsUrl });
    const jsm = await connection.jetstreamManager();
    await jsm.consumers.delete(
      `${suite.namespace.streamPrefix}EVT_INGESTION`,
      'rating-sessions-p03',
    );
    await connection.close();
    const response = await fetch(`${service.url}/readyz`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'SERVICE.NOT_READY',
      detail: expect.stringContaining('rating-sessions-p03') as unknown,
    });
  });

  it('refuses a bad setting at boot, naming the variable, with exit code 78', () => {
    const run = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/payments/src/main.ts'],
      {
        cwd: resolve(__dirname, '..', '..', '..', '..'),
        env: { ...process.env, HTTP_PORT: 'eighty', NATS_URL: suite.natsUrl },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('payments: failed to start: invalid configuration: HTTP_PORT');
    expect(run.stderr).toContain('"eighty"');
  });
});
