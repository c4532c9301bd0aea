/**
 * Where the live projection stands: its checkpoint per (stream, partition), read from the
 * live schema when a rebuild starts. The rebuild replays up to exactly these positions,
 * so the two are compared at the same point of the log even while new events arrive.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { assertIdentifier } from './rebuild-schema';

const CheckpointRows = z.array(
  z.object({
    stream: z.string(),
    partition: z.coerce.number().int(),
    last_sequence: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  }),
);

export class LiveCheckpoints {
  private constructor(
    /** stream → partition → last committed stream sequence */
    private readonly marks: ReadonlyMap<string, ReadonlyMap<number, number>>,
  ) {}

  /**
   * `consumers`: the live durables of the projection, one, or a partitioned family
   * (`<app>-<purpose>-pNN`, each checkpointing its own partitions). Should two record the
   * same partition, the lower mark is what both committed.
   */
  static async read(
    dataSource: DataSource,
    liveSchema: string,
    consumers: readonly string[],
  ): Promise<LiveCheckpoints> {
    const rows = CheckpointRows.parse(
      await dataSource.query(
        `SELECT stream, partition, last_sequence FROM "${assertIdentifier(liveSchema, 'live schema')}".consumer_checkpoints WHERE consumer = ANY($1::text[])`,
        [consumers],
      ),
    );
    const marks = new Map<string, Map<number, number>>();
    for (const row of rows) {
      const partitions = marks.get(row.stream) ?? new Map<number, number>();
      const mark = partitions.get(row.partition);
      partitions.set(row.partition, Math.min(mark ?? row.last_sequence, row.last_sequence));
      marks.set(row.stream, partitions);
    }
    return new LiveCheckpoints(marks);
  }

  /** The highest checkpoint of a stream across partitions: where its replay stops. */
  lastSequence(stream: string): number {
    return Math.max(0, ...(this.marks.get(stream)?.values() ?? []));
  }

  /** Whether the live projection had committed this event: at or below its partition's mark. */
  covers(stream: string, partition: number, sequence: number): boolean {
    return sequence <= (this.marks.get(stream)?.get(partition) ?? 0);
  }

  toJSON(): Record<string, Record<string, number>> {
    return Object.fromEntries(
      [...this.marks].map(([stream, partitions]) => [stream, Object.fromEntries(partitions)]),
    );
  }
}
