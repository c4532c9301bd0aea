/** An event as a consumer sees it: the decoded envelope and its place in the stream. */
import type { EventEnvelope } from '@chargeledger/contracts';

export interface ConsumedEvent {
  readonly envelope: EventEnvelope;
  readonly stream: string;
  readonly streamSequence: number;
  readonly subject: string;
}

const PARTITION_TOKEN = /^p(\d{2})$/;
/** `evt` is followed by context, operator and aggregate, then the partition. */
const TOKENS_FROM_EVT_TO_PARTITION = 4;

/**
 * The partition named by an `evt.` subject's `pNN` token; -1 for subjects without one.
 * Runs for every event of every batch, so it scans the subject instead of splitting it
 * into a token array.
 */
export function partitionOfSubject(subject: string): number {
  let start = subject.startsWith('evt.') ? 0 : subject.indexOf('.evt.') + 1;
  if (start === 0 && !subject.startsWith('evt.')) return -1;
  for (let skipped = 0; skipped < TOKENS_FROM_EVT_TO_PARTITION; skipped++) {
    const dot = subject.indexOf('.', start);
    if (dot < 0) return -1;
    start = dot + 1;
  }
  const end = subject.indexOf('.', start);
  const match = PARTITION_TOKEN.exec(subject.slice(start, end < 0 ? subject.length : end));
  return match?.[1] === undefined ? -1 : Number(match[1]);
}
