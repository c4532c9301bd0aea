/**
 * Fault points for chaos runs. Code marks a dangerous moment with `await faultPoint('x')`
 * (say, between a Postgres commit and the JetStream ack); a chaos runner enables it with
 * FAULT_HOOKS=`x=pause:2000` or `x=crash`. Unset, every point is a no-op.
 */
export type FaultAction =
  { readonly kind: 'pause'; readonly ms: number } | { readonly kind: 'crash' };

let hooks = new Map<string, FaultAction>();

export function parseFaultHooks(spec: string): Map<string, FaultAction> {
  const parsed = new Map<string, FaultAction>();
  for (const entry of spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)) {
    const match = /^([a-z][a-z0-9-]*)=(crash|pause:(\d{1,6}))$/.exec(entry);
    if (!match?.[1] || !match[2])
      throw new RangeError(`bad fault hook "${entry}": use name=crash or name=pause:<ms>`);
    parsed.set(
      match[1],
      match[2] === 'crash' ? { kind: 'crash' } : { kind: 'pause', ms: Number(match[3]) },
    );
  }
  return parsed;
}

export function configureFaultHooks(spec: string): void {
  hooks = parseFaultHooks(spec);
}

export async function faultPoint(name: string): Promise<void> {
  const action = hooks.get(name);
  if (action === undefined) return;
  if (action.kind === 'crash') {
    process.stderr.write(`fault hook ${name}: crashing with SIGKILL\n`);
    process.kill(process.pid, 'SIGKILL');
    return;
  }
  process.stderr.write(`fault hook ${name}: pausing ${action.ms} ms\n`);
  await new Promise((resolve) => setTimeout(resolve, action.ms));
}
