/**
 * A benchmark's measured run on the local stack: its wall time, and the CPU spent
 * meanwhile by this process and by the stack's nats-server and Postgres.
 *
 * The CPU per item also bounds the rate from above: the three processes cannot together
 * use more than every core of the machine, so no run of the same work goes faster than
 * cores × 1 s / (their CPU per item), however well it overlaps its waits. A rate target
 * that lies above that bound needs less CPU per item, not better pipelining.
 */
import { availableParallelism } from 'node:os';
import type { ServerCpu } from './server-cpu';

export interface MeasuredRun {
  readonly items: number;
  readonly seconds: number;
  readonly itemsPerSecond: number;
  /** CPU µs per item: this process, Postgres (with its backends), nats-server, and their sum. */
  readonly cpuMicrosPerItem: {
    readonly process: number;
    readonly postgres: number;
    readonly nats: number;
    readonly total: number;
  };
  /** cores × 1 s / total CPU per item: the rate this work can never exceed here. */
  readonly cpuBoundPerSecond: number;
}

export async function startMeasuredRun(
  servers: ServerCpu,
): Promise<{ end(items: number): Promise<MeasuredRun> }> {
  const serversBefore = await servers.read();
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return {
    end: async (items) => {
      const seconds = Number(process.hrtime.bigint() - wall) / 1e9;
      const used = process.cpuUsage(cpu);
      const serversAfter = await servers.read();
      const perItem = (micros: number): number => micros / items;
      const own = perItem(used.user + used.system);
      const postgres = perItem(serversAfter.postgres - serversBefore.postgres);
      const nats = perItem(serversAfter.nats - serversBefore.nats);
      const total = own + postgres + nats;
      return {
        items,
        seconds,
        itemsPerSecond: items / seconds,
        cpuMicrosPerItem: { process: own, postgres, nats, total },
        cpuBoundPerSecond: (availableParallelism() * 1e6) / total,
      };
    },
  };
}

/** "µs CPU/<item>: 17.0 here, 9.3 Postgres, 8.7 nats-server" */
export function cpuPerItemText(run: MeasuredRun, item: string): string {
  const { process: own, postgres, nats } = run.cpuMicrosPerItem;
  return (
    `µs CPU/${item}: ${own.toFixed(1)} here, ${postgres.toFixed(1)} Postgres, ` +
    `${nats.toFixed(1)} nats-server`
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
