/**
 * Lifecycle helpers for the server processes the local stack starts: bounded waits,
 * graceful stop (SIGTERM, bounded wait, then SIGKILL), and the tail of a server's log
 * for error messages. Everything here is bounded so a stuck server cannot hang a test
 * run or a developer's shell.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true once the child has exited, false if timeoutMs passes first. */
export async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) {
    return true;
  }
  return new Promise<boolean>((resolve) => {
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    child.once('exit', onExit);
  });
}

export interface StopBounds {
  graceMs: number;
  killWaitMs: number;
}

/** SIGTERM, wait up to graceMs, then SIGKILL and wait up to killWaitMs. */
export async function stopChildProcess(
  child: ChildProcess,
  name: string,
  bounds: StopBounds,
): Promise<void> {
  // No pid: spawning failed, so there is nothing to stop.
  if (child.pid === undefined || hasExited(child)) {
    return;
  }
  child.kill('SIGTERM');
  if (await waitForExit(child, bounds.graceMs)) {
    return;
  }
  child.kill('SIGKILL');
  if (!(await waitForExit(child, bounds.killWaitMs))) {
    throw new Error(`${name} (pid ${child.pid ?? '?'}) did not exit after SIGKILL`);
  }
}

/** Alive means signalable and, where /proc exists, not a zombie waiting to be reaped. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error: unknown) {
    // EPERM means it exists but belongs to someone else: still alive.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // Format: "pid (comm) state ..."; comm may contain spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** SIGKILL a process we do not hold a handle for and wait (bounded) until it is gone. */
export async function killPid(pid: number, name: string, waitMs: number): Promise<void> {
  if (!isPidAlive(pid)) {
    return;
  }
  process.kill(pid, 'SIGKILL');
  const giveUpAt = Date.now() + waitMs;
  while (isPidAlive(pid)) {
    if (Date.now() >= giveUpAt) {
      throw new Error(`${name} (pid ${pid}) did not exit after SIGKILL`);
    }
    await sleep(50);
  }
}

/** The last maxBytes of a log file, for error messages; empty if it cannot be read. */
export async function tailOfFile(path: string, maxBytes = 2_000): Promise<string> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const length = Math.min(size, maxBytes);
      const buffer = Buffer.alloc(length);
      await file.read(buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      await file.close();
    }
  } catch {
    return '';
  }
}
