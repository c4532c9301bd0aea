/**
 * Facts an accepted message establishes besides its samples and the session's start and
 * end: a new charging state, the seqNo when no sample carries it, and at or after the end
 * the seqNo gap. Each is computed from the state before the message, so an identical
 * resend (its seqNo already accepted) establishes none of them again.
 */
import type { TransactionEvent } from '../ocpp/transaction-event.schema';
import type { IngestTransactionEvent } from './session.command';
import { chargingStateFacts } from './session-charging-state';
import { seqNoGapFacts, seqNoReceived } from './session-seq-no';
import type { SessionEvent, SessionState } from './session.state';

export function followUpFacts(
  command: IngestTransactionEvent,
  before: SessionState,
  sessionId: string,
  message: TransactionEvent,
  accepted: readonly SessionEvent[],
): SessionEvent[] {
  const charging = chargingStateFacts(command, before, sessionId, message);
  if (command.seqNoSource !== 'station' || before.status === 'unknown') return charging;
  const sampled = accepted.some((e) => e.type === 'MeterValuesRecorded');
  const endsNow = accepted.some((e) => e.type === 'SessionEnded');
  return [
    ...charging,
    ...(sampled ? [] : seqNoReceived(before, message.seqNo)),
    ...seqNoGapFacts(before, endsNow, message.seqNo),
  ];
}
