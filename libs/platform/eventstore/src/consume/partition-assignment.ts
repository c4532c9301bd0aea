/**
 * Which partitions this replica owns, so replicas of a per-aggregate-ordered consumer
 * run disjoint `-pNN` durables. Static, from configuration, checked at boot:
 * `PARTITIONS=0-7,12` names them; `REPLICA_INDEX`/`REPLICA_COUNT` (a StatefulSet ordinal
 * and its replica count) own every p with p % count == index. Neither set: this replica
 * owns every partition (one replica). Unpartitioned durables are shared by all replicas:
 * their handlers tolerate reordering, and JetStream splits their messages.
 */
import { PARTITION_COUNT, type ConsumerSpec } from '@chargeledger/contracts';

export class PartitionConfigError extends Error {
  readonly code = 'EVENTSTORE.PARTITION_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'PartitionConfigError';
  }
}

export interface PartitionAssignment {
  /** Owned partitions, ascending and distinct. */
  readonly partitions: readonly number[];
  readonly source: 'list' | 'replica-ordinal' | 'all';
}

const RANGE = /^(\d{1,3})(?:-(\d{1,3}))?$/;
const INTEGER = /^\d{1,4}$/;
const LIST_LENGTH_MAX = 1_000;

/** Parses `0-7,12` style lists: single partitions and inclusive ranges, no overlaps. */
export function parsePartitionList(text: string, partitionCount = PARTITION_COUNT): number[] {
  if (text.length > LIST_LENGTH_MAX)
    throw new PartitionConfigError(`PARTITIONS is longer than ${LIST_LENGTH_MAX} characters`);
  const owned = new Set<number>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const match = RANGE.exec(item);
    if (match?.[1] === undefined)
      throw new PartitionConfigError(
        `PARTITIONS item "${item}" is not a partition or a range like 0-7 (list: "${text}")`,
      );
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first)
      throw new PartitionConfigError(`PARTITIONS range "${item}" ends before it starts`);
    if (last >= partitionCount)
      throw new PartitionConfigError(
        `PARTITIONS item "${item}" is outside 0-${partitionCount - 1}`,
      );
    for (let partition = first; partition <= last; partition++) {
      if (owned.has(partition))
        throw new PartitionConfigError(`PARTITIONS names partition ${partition} twice`);
      owned.add(partition);
    }
  }
  return [...owned].sort((a, b) => a - b);
}

/** Partitions of replica `index` out of `count`: every p with p % count == index. */
export function partitionsOfReplica(
  index: number,
  count: number,
  partitionCount = PARTITION_COUNT,
): number[] {
  if (!Number.isInteger(count) || count < 1 || count > partitionCount)
    throw new PartitionConfigError(
      `REPLICA_COUNT must be 1..${partitionCount} (more replicas would own nothing), got ${count}`,
    );
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw new PartitionConfigError(`REPLICA_INDEX must be 0..${count - 1}, got ${index}`);
  return Array.from({ length: partitionCount }, (_, p) => p).filter((p) => p % count === index);
}

function integerVariable(env: NodeJS.ProcessEnv, name: string): number {
  const value = env[name]?.trim() ?? '';
  if (!INTEGER.test(value))
    throw new PartitionConfigError(`${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

/** Reads PARTITIONS or REPLICA_INDEX + REPLICA_COUNT; a bad or ambiguous value throws. */
export function partitionAssignmentFromEnv(
  env: NodeJS.ProcessEnv,
  partitionCount = PARTITION_COUNT,
): PartitionAssignment {
  const set = (name: string): boolean => (env[name] ?? '').trim() !== '';
  const list = set('PARTITIONS');
  const index = set('REPLICA_INDEX');
  const count = set('REPLICA_COUNT');
  if (list && (index || count))
    throw new PartitionConfigError('set PARTITIONS or REPLICA_INDEX with REPLICA_COUNT, not both');
  if (list)
    return {
      partitions: parsePartitionList(env['PARTITIONS'] ?? '', partitionCount),
      source: 'list',
    };
  if (index !== count)
    throw new PartitionConfigError(
      'REPLICA_INDEX and REPLICA_COUNT are set together or not at all',
    );
  if (index) {
    const partitions = partitionsOfReplica(
      integerVariable(env, 'REPLICA_INDEX'),
      integerVariable(env, 'REPLICA_COUNT'),
      partitionCount,
    );
    return { partitions, source: 'replica-ordinal' };
  }
  return { partitions: Array.from({ length: partitionCount }, (_, p) => p), source: 'all' };
}

/** The durables this replica runs: every unpartitioned one, and its own partitions'. */
export function durablesToRun(
  specs: readonly ConsumerSpec[],
  assignment: PartitionAssignment,
): ConsumerSpec[] {
  const owned = new Set(assignment.partitions);
  return specs.filter((spec) => spec.partition === undefined || owned.has(spec.partition));
}
