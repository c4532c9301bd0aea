/**
 * Dev stack CLI: makes NATS and Postgres available for local work. It reuses the
 * servers NATS_URL and DATABASE_URL point at (defaults: 127.0.0.1:4222 and :5432)
 * when they answer and starts private ones where nothing does, prints the URLs to use
 * as `NATS_URL=...` / `DATABASE_URL=...` lines on stdout (progress goes to stderr),
 * and runs until SIGINT or SIGTERM, then stops only what it started.
 *
 * Usage: node -r @swc-node/register tools/local-stack/dev-stack.ts
 */
import { ensureLocalStack } from '@chargeledger/platform/local-stack';
import { firstShutdownSignal } from './shutdown-signal';

const defaultNatsUrl = 'nats://127.0.0.1:4222';
const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

function log(message: string): void {
  process.stderr.write(`[dev-stack] ${message}\n`);
}

async function main(): Promise<void> {
  // Listen before starting anything, so a signal during startup still stops what started.
  const shutdown = firstShutdownSignal();
  const stack = await ensureLocalStack({
    natsUrl: process.env['NATS_URL'] ?? defaultNatsUrl,
    databaseUrl: process.env['DATABASE_URL'] ?? defaultDatabaseUrl,
    log,
  });
  process.stdout.write(`NATS_URL=${stack.natsUrl}\nDATABASE_URL=${stack.databaseUrl}\n`);
  // With nothing started, no child process keeps the event loop alive.
  const keepAlive = setInterval(() => undefined, 60_000);
  try {
    const signal = await shutdown;
    log(`${signal}: stopping what this run started`);
  } finally {
    clearInterval(keepAlive);
    await stack.stop();
  }
}

main().then(
  () => {
    log('stopped');
  },
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
