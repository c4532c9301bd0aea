/**
 * The README's start command as a child process, for end-to-end tests: its output, its
 * exit, and a wait for a line it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface PlatformProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

export function startPlatformProcess(env: NodeJS.ProcessEnv): PlatformProcess {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'tools/local-stack/start-platform.ts'],
    {
      cwd: resolve(__dirname, '..', '..'),
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

export async function waitForOutput(
  platform: PlatformProcess,
  text: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!platform.output().includes(text)) {
    if (Date.now() > deadline || platform.child.exitCode !== null) {
      throw new Error(`platform never said "${text}":\n${platform.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
