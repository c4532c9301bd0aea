/** An event as a consumer sees it: the decoded envelope and its place in the stream. */
import type { EventEnvelope } from '@chargeledger/contracts';

export interface ConsumedEvent {
  readonly envelope: EventEnvelope;
  readonly stream: string;
  readonly streamSequence: number;
  readonly subject: string;
}

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
  // The token is `p` and two ASCII digits, exactly.
  if ((end < 0 ? subject.length : end) - start !== 3 || subject[start] !== 'p') return -1;
  const tens = digitAt(subject, start + 1);
  const ones = digitAt(subject, start + 2);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : -1;
}

/**
 * The stream sequence a JetStream message's ack subject carries, read as nats.js's
 * `parseInfo` reads it but without splitting the subject into tokens and parsing all of
 * them, which every consumed message would pay for; undefined if it is no ack subject.
 */
export function streamSequenceOfAckSubject(reply: string): number | undefined {
  if (!reply.startsWith('$JS.ACK.')) return undefined;
  let tokens = 1;
  for (let dot = reply.indexOf('.'); dot >= 0; dot = reply.indexOf('.', dot + 1)) tokens++;
  // $JS.ACK.<stream>.<consumer>.<delivered>.<sequence>.<delivery seq>.<timestamp>.<pending>
  // or, 11 tokens or more: $JS.ACK.<domain>.<account>.<stream>.<consumer>.<delivered>.<sequence>.…
  const index = tokens === 9 ? 5 : tokens >= 11 ? 7 : undefined;
  if (index === undefined) return undefined;
  let start = 0;
  for (let skipped = 0; skipped < index; skipped++) start = reply.indexOf('.', start) + 1;
  const sequence = Number(reply.slice(start, reply.indexOf('.', start)));
  return Number.isSafeInteger(sequence) && sequence > 0 ? sequence : undefined;
}
