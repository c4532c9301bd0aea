/**
 * Partitions. Every stream is split into PARTITION_COUNT subject partitions so a consumer
 * that needs per-aggregate order can run one durable per partition. The partition of an
 * id is FNV-1a-32 of its canonical form, mod P. P is part of the subject layout: changing
 * it means a new stream.
 */
import { canonicalId } from './token';

export const PARTITION_COUNT = 16;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

export function partitionOf(id: string): number {
  return fnv1a32(canonicalId(id)) % PARTITION_COUNT;
}

export function partitionToken(partition: number): string {
  if (!Number.isInteger(partition) || partition < 0 || partition >= PARTITION_COUNT) {
    throw new RangeError(
      `partition must be an integer in [0, ${PARTITION_COUNT}), got ${partition}`,
    );
  }
  return `p${String(partition).padStart(2, '0')}`;
}

export function allPartitions(): number[] {
  return Array.from({ length: PARTITION_COUNT }, (_, partition) => partition);
}
