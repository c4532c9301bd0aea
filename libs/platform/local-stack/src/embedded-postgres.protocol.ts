/**
 * Messages the embedded Postgres runner (a child process) sends its parent over the
 * Node IPC channel. Shared by both sides and validated on receipt, since the channel
 * carries plain JSON.
 */

export type RunnerMessage =
  { kind: 'ready'; postmasterPid: number } | { kind: 'failed'; message: string };

export function parseRunnerMessage(value: unknown): RunnerMessage | undefined {
  if (typeof value !== 'object' || value === null || !('kind' in value)) {
    return undefined;
  }
  if (
    value.kind === 'ready' &&
    'postmasterPid' in value &&
    typeof value.postmasterPid === 'number' &&
    Number.isInteger(value.postmasterPid) &&
    value.postmasterPid > 0
  ) {
    return { kind: 'ready', postmasterPid: value.postmasterPid };
  }
  if (value.kind === 'failed' && 'message' in value && typeof value.message === 'string') {
    return { kind: 'failed', message: value.message };
  }
  return undefined;
}
