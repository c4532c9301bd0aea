/**
 * The charging state (charging vs connected but idle, for parking and idle fees) as the
 * station reports it in `transactionInfo.chargingState`. A report becomes a
 * ChargingStateChanged when it differs from the session's last known state.
 *
 * Out of order: a report applies only when its seqNo is above every seqNo the session
 * accepted. An older report that arrives late is dropped, not inserted into the past:
 * reports that repeated the current state left no event, so the decider cannot know
 * whether the state changed back before the newer messages, and inserting the old state
 * could invent idle time the driver would pay for. Dropping it can only understate idle
 * time. Ordering by seqNo, not timestamp, needs the station's own counter, so only
 * station-numbered (OCPP 2.0.1) sessions are read here; the 1.6 mapping carries no
 * charging state.
 */
import { toUtc } from '../ocpp/meter-sample.normalise';
import type { TransactionEvent } from '../ocpp/transaction-event.schema';
import type { IngestTransactionEvent } from './session.command';
import { acceptedSeqNos } from './session-seq-no';
import type { SessionEvent, SessionState } from './session.state';

export function chargingStateFacts(
  command: IngestTransactionEvent,
  before: SessionState,
  sessionId: string,
  message: TransactionEvent,
): SessionEvent[] {
  const reported = message.transactionInfo.chargingState;
  if (command.seqNoSource !== 'station' || reported === undefined) return [];
  const last = before.status === 'unknown' ? undefined : before.chargingState;
  if (reported === last) return [];
  for (const seqNo of acceptedSeqNos(before)) if (seqNo >= message.seqNo) return [];
  return [
    {
      type: 'ChargingStateChanged',
      data: { sessionId, chargingState: reported, changedAt: toUtc(message.timestamp) },
    },
  ];
}
