/**
 * One service as a child process of the launcher: started from its TypeScript entry
 * point, polled until `/readyz` answers 200, stopped with SIGTERM (SIGKILL after a bound).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ServiceProcess {
  readonly app: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal) whenever the process ends. */
  readonly exited: Promise<string>;
}

export function startServiceProcess(
  root: string,
  app: string,
  port: number,
  env: NodeJS.ProcessEnv,
): ServiceProcess {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join('apps', app, 'src', 'main.ts')],
    {
      cwd: root,
      env: { ...env, HTTP_PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${String(code)}`));
  });
  return { app, url: `http://127.0.0.1:${port}`, child, exited };
}

export async function waitUntilReady(service: ServiceProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`${service.app} exited before it was ready`);
    }
    try {
      const response = await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.app} not ready after ${timeoutMs} ms: ${last}`);
}

export async function stopServiceProcess(service: ServiceProcess, graceMs: number): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
}
