import { consumerSpecsOf, PRODUCTION_NAMESPACE } from '@chargeledger/contracts';
import {
  durablesToRun,
  parsePartitionList,
  partitionAssignmentFromEnv,
  PartitionConfigError,
  partitionsOfReplica,
} from './partition-assignment';

describe('partition lists', () => {
  it('reads single partitions and inclusive ranges, in any order and spacing', () => {
    expect(parsePartitionList('0-7,12')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 12]);
    expect(parsePartitionList(' 15 , 3-4 ')).toEqual([3, 4, 15]);
    expect(parsePartitionList('5-5')).toEqual([5]);
  });

  it.each([
    ['', /"" is not a partition/],
    ['0,,3', /"" is not a partition/],
    ['a', /"a" is not a partition/],
    ['-1', /"-1" is not a partition/],
    ['1.5', /not a partition/],
    ['7-3', /ends before it starts/],
    ['16', /outside 0-15/],
    ['10-16', /outside 0-15/],
    ['0-3,3', /partition 3 twice/],
  ])('refuses %j', (list, message) => {
    expect(() => parsePartitionList(list)).toThrow(PartitionConfigError);
    expect(() => parsePartitionList(list)).toThrow(message);
  });

  it('refuses a list longer than 1000 characters', () => {
    expect(() => parsePartitionList('1'.repeat(1_001))).toThrow(/longer than 1000/);
  });
});

describe('replica ordinals', () => {
  it('gives replica i every partition p with p % count == i, disjoint and complete', () => {
    expect(partitionsOfReplica(1, 3)).toEqual([1, 4, 7, 10, 13]);
    const all = [0, 1, 2].flatMap((index) => partitionsOfReplica(index, 3));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, p) => p));
    expect(partitionsOfReplica(0, 1)).toHaveLength(16);
  });

  it.each([
    [0, 0, /REPLICA_COUNT must be 1..16/],
    [0, 17, /more replicas would own nothing/],
    [3, 3, /REPLICA_INDEX must be 0..2/],
    [-1, 2, /REPLICA_INDEX/],
    [0.5, 2, /REPLICA_INDEX/],
  ])('refuses index %p of %p', (index, count, message) => {
    expect(() => partitionsOfReplica(index, count)).toThrow(message);
  });
});

describe('assignment from the environment', () => {
  it('uses PARTITIONS, or the replica ordinal, or else every partition', () => {
    expect(partitionAssignmentFromEnv({ PARTITIONS: '2,4' })).toEqual({
      partitions: [2, 4],
      source: 'list',
    });
    expect(partitionAssignmentFromEnv({ REPLICA_INDEX: '3', REPLICA_COUNT: '8' })).toEqual({
      partitions: [3, 11],
      source: 'replica-ordinal',
    });
    expect(partitionAssignmentFromEnv({ PARTITIONS: ' ' })).toMatchObject({ source: 'all' });
    expect(partitionAssignmentFromEnv({}).partitions).toHaveLength(16);
  });

  it.each([
    [{ PARTITIONS: '1', REPLICA_INDEX: '0', REPLICA_COUNT: '2' }, /not both/],
    [{ REPLICA_INDEX: '0' }, /set together/],
    [{ REPLICA_COUNT: '2' }, /set together/],
    [
      { REPLICA_INDEX: 'rating-1', REPLICA_COUNT: '2' },
      /REPLICA_INDEX must be a non-negative integer/,
    ],
    [{ REPLICA_INDEX: '0', REPLICA_COUNT: '2x' }, /REPLICA_COUNT must be a non-negative integer/],
    [{ PARTITIONS: '0-99' }, /outside/],
  ])('refuses %j', (env, message) => {
    expect(() => partitionAssignmentFromEnv(env)).toThrow(message);
  });
});

describe('durables to run', () => {
  const specs = consumerSpecsOf('rating', PRODUCTION_NAMESPACE);

  it('runs every unpartitioned durable and only the owned partitions', () => {
    const durables = durablesToRun(specs, { partitions: [0, 7], source: 'list' }).map(
      (spec) => spec.durable,
    );
    expect(durables).toEqual([
      'rating-sessions-p00',
      'rating-sessions-p07',
      'rating-session-ratings',
      'rating-registry',
      'rating-tariffs',
      'rating-session-limits',
      'rating-loyalty-programmes',
      'rating-loyalty-credits',
      'rating-disputes',
    ]);
  });

  it('splits the partitioned durables across replicas without gaps or overlap', () => {
    const owned = [0, 1].map((index) =>
      durablesToRun(
        specs,
        partitionAssignmentFromEnv({ REPLICA_INDEX: `${index}`, REPLICA_COUNT: '2' }),
      )
        .filter((spec) => spec.partition !== undefined)
        .map((spec) => spec.durable),
    );
    expect(owned[0]).toHaveLength(8);
    expect(new Set([...(owned[0] ?? []), ...(owned[1] ?? [])]).size).toBe(16);
  });
});
