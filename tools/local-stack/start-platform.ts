/**
 * `npm start`: the whole platform on its local defaults. Reuses or starts NATS and
 * Postgres (see the local-stack lib), starts the six services, waits until every
 * `/readyz` answers 200, then runs until SIGINT/SIGTERM and stops everything it started.
 * A service that dies takes the platform down with a non-zero exit, never silently.
 *
 * Environment: NATS_URL, DATABASE_URL (servers), PLATFORM_PORT_BASE (first HTTP port,
 * default 3001), DB_SCHEMA_PREFIX (prepended to each service's schema), and anything the
 * services read (LOG_LEVEL, EVENT_NAMESPACE, ...), passed through. Without a token key
 * (AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL) the services verify API tokens
 * with the local stack's public dev secret, the one `chargeledger token` signs with.
 */
import { resolve } from 'node:path';
import { CONTEXTS } from '@chargeledger/contracts';
import { ensureLocalStack, LOCAL_DEV_AUTH_JWT_SECRET } from '@chargeledger/platform/local-stack';
import {
  startServiceProcess,
  stopServiceProcess,
  waitUntilReady,
  type ServiceProcess,
} from './service-process';
import { firstShutdownSignal } from './shutdown-signal';

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;
const root = resolve(__dirname, '..', '..');

function log(message: string): void {
  process.stderr.write(`[platform] ${message}\n`);
}

function portBase(): number {
  const base = Number(process.env['PLATFORM_PORT_BASE'] ?? '3001');
  if (!Number.isInteger(base) || base < 1024 || base > 65_000) {
    throw new Error(
      `PLATFORM_PORT_BASE must be an integer in 1024..65000, got ${process.env['PLATFORM_PORT_BASE'] ?? ''}`,
    );
  }
  return base;
}

function hasTokenKey(): boolean {
  return ['AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWKS_URL'].some(
    (name) => (process.env[name] ?? '') !== '',
  );
}

async function main(): Promise<void> {
  const shutdown = firstShutdownSignal();
  const base = portBase();
  const stack = await ensureLocalStack({
    natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    log,
  });
  const schemaPrefix = process.env['DB_SCHEMA_PREFIX'] ?? '';
  const services: ServiceProcess[] = CONTEXTS.map((app, index) =>
    startServiceProcess(root, app, base + index, {
      ...process.env,
      ...(hasTokenKey() ? {} : { AUTH_JWT_SECRET: LOCAL_DEV_AUTH_JWT_SECRET }),
      NATS_URL: stack.natsUrl,
      DATABASE_URL: stack.databaseUrl,
      DB_SCHEMA: `${schemaPrefix}${app}`,
    }),
  );
  const firstExit = Promise.race(
    services.map(async (s) => `${s.app} stopped unexpectedly (${await s.exited})`),
  );
  try {
    const outcome = await Promise.race([
      Promise.all(services.map((s) => waitUntilReady(s, READY_TIMEOUT_MS))).then(
        () => 'ready' as const,
      ),
      firstExit.then((reason) => Promise.reject(new Error(reason))),
      shutdown.then((signal) => `${signal} during start-up`),
    ]);
    if (outcome === 'ready') {
      log(`chargeledger is up: ${services.map((s) => `${s.app} ${s.url}`).join(', ')}`);
      log('all six services report /readyz 200; Ctrl-C stops everything');
      const reason = await Promise.race([
        shutdown,
        firstExit.then((r) => Promise.reject(new Error(r))),
      ]);
      log(`${reason}: stopping`);
    }
  } finally {
    await Promise.all(services.map((s) => stopServiceProcess(s, STOP_GRACE_MS)));
    await stack.stop();
  }
}

main().then(
  () => log('stopped'),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
