/**
 * CPU time spent by a local stack's private servers, read from /proc (Linux): the
 * nats-server listening on a port, and a Postgres postmaster on a port with all its
 * children (the backends serving its connections). Benchmarks print it: on a shared
 * machine rates move with everyone's load; CPU per event does not, and with the servers'
 * share beside the process's own it shows where each event's work is done. A server it
 * cannot find (not Linux, or not listening where named) reads as undefined, never as 0.
 */
import { readdir, readFile } from 'node:fs/promises';

const CLOCK_TICKS_PER_SECOND = 100;

interface ProcessStat {
  readonly pid: number;
  readonly parent: number;
  readonly cpuMicros: number;
}

async function processStats(): Promise<ProcessStat[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const stats = await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (pid) => {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
        // Fields after the parenthesised command name: the parent pid is the 4th field of
        // the line; utime, stime and the same for waited-for children the 14th to 17th
        // (children: the Postgres backends that exited).
        const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields === undefined) return undefined;
        const ticks = [11, 12, 13, 14].reduce((sum, field) => sum + Number(fields[field]), 0);
        return {
          pid: Number(pid),
          parent: Number(fields[1]),
          cpuMicros: (ticks * 1e6) / CLOCK_TICKS_PER_SECOND,
        };
      }),
  );
  return stats.filter((stat): stat is ProcessStat => stat !== undefined);
}

async function commandLine(pid: number): Promise<string[]> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return raw.split('\0');
}

/** The pid of a process whose command is `name` and that is given `-p <port>`. */
async function listenerPid(name: string, port: string): Promise<number | undefined> {
  for (const { pid } of await processStats()) {
    const args = await commandLine(pid);
    const portIndex = args.indexOf('-p');
    if (args[0]?.endsWith(name) && portIndex > 0 && args[portIndex + 1] === port) return pid;
  }
  return undefined;
}

export interface ServerCpu {
  /**
   * CPU µs used so far by nats-server and by Postgres (postmaster and its children);
   * undefined for a server not found.
   */
  read(): Promise<{ nats: number | undefined; postgres: number | undefined }>;
}

export async function serverCpu(natsUrl: string, databaseUrl: string): Promise<ServerCpu> {
  const nats = await listenerPid('nats-server', new URL(natsUrl).port);
  const postgres = await listenerPid('postgres', new URL(databaseUrl).port);
  return {
    read: async () => {
      const stats = await processStats();
      const cpuOf = (pid: number | undefined, withChildren: boolean): number | undefined =>
        pid === undefined
          ? undefined
          : stats
              .filter((s) => s.pid === pid || (withChildren && s.parent === pid))
              .reduce((sum, s) => sum + s.cpuMicros, 0);
      return { nats: cpuOf(nats, false), postgres: cpuOf(postgres, true) };
    },
  };
}
