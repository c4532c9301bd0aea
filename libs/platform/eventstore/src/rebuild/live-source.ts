/**
 * Where a projection's rebuild reads from, derived from the topology: the live durable
 * named like the projection's consumer, or the partitioned family `<consumer>-pNN` run as
 * one (its durables' checkpoints say where the replay stops, one filter with the
 * partition token wildcarded covers every partition).
 */
import { partitionToken, type ConsumerSpec, type Namespace } from '@chargeledger/contracts';
import type { RebuildSource } from './projection.rebuild';

export interface LiveSource {
  /** The live durables whose checkpoints bound the replay. */
  readonly durables: readonly string[];
  readonly source: RebuildSource;
}

export class UnknownProjectionError extends Error {
  constructor(consumer: string, known: readonly string[]) {
    super(`no live consumer ${consumer}; known: ${known.join(', ')}`);
    this.name = 'UnknownProjectionError';
  }
}

export function liveSourceOf(
  specs: readonly ConsumerSpec[],
  consumer: string,
  namespace: Namespace,
): LiveSource {
  const family = specs.filter(
    (spec) =>
      spec.durable === consumer ||
      (spec.partition !== undefined &&
        spec.durable === `${consumer}-${partitionToken(spec.partition)}`),
  );
  const [first] = family;
  if (first === undefined)
    throw new UnknownProjectionError(consumer, [
      ...new Set(specs.map((s) => s.durable.replace(/-p\d\d$/, ''))),
    ]);
  const filterSubject =
    first.partition === undefined
      ? first.filterSubject
      : first.filterSubject.replace(`.${partitionToken(first.partition)}.`, '.*.');
  return {
    durables: family.map((spec) => spec.durable),
    source: { stream: `${namespace.streamPrefix}${first.stream}`, filterSubject },
  };
}
