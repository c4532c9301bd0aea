/**
 * A benchmark's measured run on the local stack: its wall time, and the CPU spent
 * meanwhile by this process and by the stack's nats-server and Postgres.
 *
 * The CPU per item also gives an upper estimate of the rate: the three processes cannot
 * together use more than every core of the machine, so at the measured CPU per item the
 * same work goes no faster than cores × 1 s / (their CPU per item), with every core free
 * for it and however well it overlaps its waits. A rate target above that estimate needs
 * less CPU per item, not better pipelining. It assumes the CPU per item stays as measured
 * at other rates, and counts /proc's 10 ms ticks, so it is a figure for runs of seconds.
 */
import { availableParallelism } from 'node:os';
import type { ServerCpu } from './server-cpu';

export interface MeasuredRun {
  readonly items: number;
  readonly seconds: number;
  readonly itemsPerSecond: number;
  /**
   * CPU µs per item: this process, Postgres (with its backends), nats-server, and their
   * sum; undefined where a server was not found.
   */
  readonly cpuMicrosPerItem: {
    readonly process: number;
    readonly postgres: number | undefined;
    readonly nats: number | undefined;
    readonly total: number | undefined;
  };
  /** cores × 1 s / total CPU per item: the most this work does per second here. */
  readonly cpuBoundPerSecond: number | undefined;
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
      const perItem = (after: number | undefined, before: number | undefined) =>
        after === undefined || before === undefined ? undefined : (after - before) / items;
      const own = (used.user + used.system) / items;
      const postgres = perItem(serversAfter.postgres, serversBefore.postgres);
      const nats = perItem(serversAfter.nats, serversBefore.nats);
      const total =
        postgres === undefined || nats === undefined ? undefined : own + postgres + nats;
      return {
        items,
        seconds,
        itemsPerSecond: items / seconds,
        cpuMicrosPerItem: { process: own, postgres, nats, total },
        cpuBoundPerSecond: total === undefined ? undefined : (availableParallelism() * 1e6) / total,
      };
    },
  };
}

/** A figure to one decimal, or n/a when it could not be measured. */
export function figure(value: number | undefined, digits = 1): string {
  return value === undefined ? 'n/a' : value.toFixed(digits);
}

/** "µs CPU/<item>: 17.0 here, 9.3 Postgres, 8.7 nats-server" */
export function cpuPerItemText(run: MeasuredRun, item: string): string {
  const { process: own, postgres, nats } = run.cpuMicrosPerItem;
  return (
    `µs CPU/${item}: ${own.toFixed(1)} here, ${figure(postgres)} Postgres, ` +
    `${figure(nats)} nats-server`
  );
}

/** The upper estimate's ratio to a baseline's measured rate; undefined when not measured. */
export function boundRatio(run: MeasuredRun, baselinePerSecond: number): number | undefined {
  return run.cpuBoundPerSecond === undefined
    ? undefined
    : run.cpuBoundPerSecond / baselinePerSecond;
}

/** "at most 66832 ev/s on 2 cores at this CPU per ev, 0.59 of raw" */
export function cpuBoundText(
  run: MeasuredRun,
  item: string,
  baseline: { readonly name: string; readonly perSecond: number },
): string {
  return (
    `upper estimate from CPU: at most ${figure(run.cpuBoundPerSecond, 0)} ${item}/s on ` +
    `${availableParallelism()} cores, ${figure(boundRatio(run, baseline.perSecond), 2)} of ${baseline.name}`
  );
}

/** The median of the figures measured; undefined when none was. */
export function medianOfMeasured(values: readonly (number | undefined)[]): number | undefined {
  const measured = values.filter((value): value is number => value !== undefined);
  return measured.length === 0 ? undefined : median(measured);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}
