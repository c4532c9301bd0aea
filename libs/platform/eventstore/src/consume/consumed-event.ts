/** An event as a consumer sees it: the decoded envelope and its place in the stream. */
import type { EventEnvelope } from '@chargeledger/contracts';

export interface ConsumedEvent {
  readonly envelope: EventEnvelope;
  readonly stream: string;
  readonly streamSequence: number;
  readonly subject: string;
}

const PARTITION_TOKEN = /^p(\d{2})$/;

/** The partition named by an `evt.` subject's `pNN` token; -1 for subjects without one. */
export function partitionOfSubject(subject: string): number {
  const tokens = subject.split('.');
  const index = tokens.indexOf('evt');
  const match = index < 0 ? null : PARTITION_TOKEN.exec(tokens[index + 4] ?? '');
  return match?.[1] === undefined ? -1 : Number(match[1]);
}
