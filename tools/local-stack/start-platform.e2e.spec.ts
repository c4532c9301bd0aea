/**
 * The README's start command, end to end: six real service processes against the
 * machine's NATS and Postgres and against the private fallback servers, each with
 * /readyz 200, trace context echoed, and a clean exit on SIGTERM.
 */
import { startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { startPlatformProcess, waitForOutput } from './platform-process';

const APPS = ['registry', 'ingestion', 'rating', 'payments', 'invoicing', 'analytics'];
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

async function expectAllReady(portBase: number): Promise<void> {
  for (const [index, app] of APPS.entries()) {
    const url = `http://127.0.0.1:${portBase + index}`;
    const ready = await fetch(`${url}/readyz`, { headers: { traceparent: TRACEPARENT } });
    expect({ app, status: ready.status }).toEqual({ app, status: 200 });
    expect(ready.headers.get('traceparent')).toBe(TRACEPARENT);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  }
}

/**
 * Port bases are below the kernel's ephemeral ports (32768 up), where an outgoing
 * connection of another test could be holding one of them.
 */
async function runPlatform(
  suite: IsolatedSuite,
  env: NodeJS.ProcessEnv,
  portBase: number,
): Promise<string> {
  const platform = startPlatformProcess({
    ...env,
    PLATFORM_PORT_BASE: String(portBase),
    EVENT_NAMESPACE: suite.label,
    DB_SCHEMA_PREFIX: suite.schemaPrefix,
  });
  try {
    await waitForOutput(platform, 'chargeledger is up', 150_000);
    await expectAllReady(portBase);
  } finally {
    platform.child.kill('SIGTERM');
  }
  expect(await platform.exited).toBe(0);
  expect(platform.output()).toContain('[platform] stopped');
  return platform.output();
}

describe('npm start', () => {
  let suite: IsolatedSuite;
  beforeAll(async () => {
    suite = await startIsolatedSuite();
  });
  afterAll(async () => {
    await suite.cleanup();
  });

  it('brings all six services to /readyz 200 on the configured servers, then stops cleanly', async () => {
    const output = await runPlatform(
      suite,
      { NATS_URL: suite.natsUrl, DATABASE_URL: suite.databaseUrl },
      23_100,
    );
    expect(output).toContain('answers, reusing it');
  });

  it('starts private NATS and Postgres when the configured ones do not answer', async () => {
    const output = await runPlatform(
      suite,
      { NATS_URL: 'nats://127.0.0.1:1', DATABASE_URL: 'postgres://postgres@127.0.0.1:2/postgres' },
      23_200,
    );
    expect(output).toMatch(/NATS nats:\/\/127\.0\.0\.1:1: no answer/);
    expect(output).toMatch(/Postgres .*127\.0\.0\.1:2.*: no answer/);
  });
});
