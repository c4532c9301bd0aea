/**
 * Shapes the decider's answer: recorded samples, a rejection with its reason code (flagging
 * a known session for review), and deterministic event ids derived from the raw message,
 * so a redelivered message yields byte-identical events that JetStream dedupes.
 */
import {
  ChargingStateChangedV1,
  MeterValuesRecordedV1,
  RawEventRejectedV1,
  SessionEndedV1,
  SessionFlaggedForReviewV1,
  SessionMarkedCompleteV1,
  SessionMarkedIncompleteV1,
  SessionSeqNoReceivedV1,
  SessionStartedV1,
  SessionTokenPresentedV1,
  derivedEventId,
  sessionIdOf,
} from '@chargeledger/contracts';
import type { MeterSample } from '../ocpp/meter-sample.normalise';
import type { TransactionEvent } from '../ocpp/transaction-event.schema';
import type { Rejection } from './ingestion-rejection';
import type { DecidedEvent, IngestTransactionEvent } from './session.command';
import type { SessionEvent, SessionState } from './session.state';

const TYPE_NAMES = {
  SessionStarted: SessionStartedV1.type,
  MeterValuesRecorded: MeterValuesRecordedV1.type,
  SessionEnded: SessionEndedV1.type,
  RawEventRejected: RawEventRejectedV1.type,
  ChargingStateChanged: ChargingStateChangedV1.type,
  SessionSeqNoReceived: SessionSeqNoReceivedV1.type,
  SessionMarkedIncomplete: SessionMarkedIncompleteV1.type,
  SessionMarkedComplete: SessionMarkedCompleteV1.type,
  SessionFlaggedForReview: SessionFlaggedForReviewV1.type,
  SessionTokenPresented: SessionTokenPresentedV1.type,
} as const;

export function recorded(sessionId: string, samples: readonly MeterSample[]): SessionEvent {
  return { type: 'MeterValuesRecorded', data: { sessionId, samples: [...samples] } };
}

export function rejected(
  command: IngestTransactionEvent,
  state: SessionState,
  message: TransactionEvent | undefined,
  refusal: Rejection,
): SessionEvent {
  const transactionId = message === undefined ? undefined : transactionIdOf(message);
  return {
    type: 'RawEventRejected',
    data: {
      rawEventId: command.raw.messageId,
      rawStreamSequence: command.raw.streamSequence,
      stationId: command.stationId,
      ...(transactionId === undefined
        ? {}
        : {
            transactionId,
            sessionId: sessionIdOf(command.operatorId, command.stationId, transactionId),
          }),
      reasonCode: refusal.code,
      detail: refusal.detail.slice(0, 1000),
      receivedAt: command.raw.receivedAt,
      sessionNeedsReview: state.status !== 'unknown',
    },
  };
}

export function transactionIdOf(message: TransactionEvent): string {
  return message.transactionInfo.transactionId;
}

export function withIds(
  command: IngestTransactionEvent,
  events: readonly SessionEvent[],
): DecidedEvent[] {
  return events.map((event, index) => ({
    ...event,
    id: derivedEventId(command.raw.messageId, TYPE_NAMES[event.type], index),
  }));
}
