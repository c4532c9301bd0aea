/**
 * Starts a private `nats-server -js` on a free loopback port for the local stack, with
 * its JetStream store and log inside the stack's data directory. The binary comes
 * from PATH (Debian package `nats-server`); the sbin directories are searched too
 * because a non-root PATH often leaves them out.
 */
import { spawn } from 'node:child_process';
import { closeSync, constants, accessSync, openSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { hasExited, stopChildProcess, tailOfFile } from './child-process.util';
import { findFreePort } from './free-port.util';
import type { StartedServer } from './started-server.types';
import { waitUntilReachable } from './tcp-probe.util';

const readyDeadlineMs = 15_000;
const stopBounds = { graceMs: 10_000, killWaitMs: 5_000 };
const extraSearchDirs = ['/usr/local/sbin', '/usr/sbin'];

/** Absolute path of an executable nats-server, or undefined when none is installed. */
export function findNatsServer(): string | undefined {
  const pathDirs = (process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of [...pathDirs, ...extraSearchDirs]) {
    const candidate = join(dir, 'nats-server');
    if (isExecutableFile(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export async function startNatsServer(
  dataDir: string,
  log: (message: string) => void,
): Promise<StartedServer> {
  const binary = findNatsServer();
  if (binary === undefined) {
    throw new Error(
      'nats-server was not found on PATH, /usr/local/sbin or /usr/sbin: install the Debian ' +
        'package `nats-server` (apt-get install nats-server), or set NATS_URL to a running server',
    );
  }
  const port = await findFreePort();
  const url = `nats://127.0.0.1:${port}`;
  const logPath = join(dataDir, 'nats-server.log');
  const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dataDir, 'nats')];
  log(`starting ${binary} ${args.join(' ')} (log: ${logPath})`);

  const logFd = openSync(logPath, 'a');
  let spawnError: Error | undefined;
  const child = (() => {
    try {
      return spawn(binary, args, { stdio: ['ignore', logFd, logFd] });
    } finally {
      closeSync(logFd); // the child holds its own copy
    }
  })();
  child.once('error', (error) => {
    spawnError = error;
  });
  const stop = (): Promise<void> => stopChildProcess(child, 'nats-server', stopBounds);

  try {
    await waitUntilReachable({
      url,
      deadlineMs: readyDeadlineMs,
      failure: () => {
        if (spawnError !== undefined) {
          return `could not run ${binary}: ${spawnError.message}`;
        }
        return hasExited(child)
          ? `exited early (code ${child.exitCode ?? child.signalCode})`
          : undefined;
      },
    });
  } catch (error: unknown) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`nats-server on ${url} ${reason}; log tail:\n${await tailOfFile(logPath)}`);
  }
  return { url, stop };
}
