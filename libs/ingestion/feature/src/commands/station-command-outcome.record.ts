/**
 * A station command's final outcome as the event ingestion records: on the command's own
 * subject, with an id derived from the command id, so a command redelivered after a crash
 * records its outcome once (JetStream dedupes the id).
 */
import {
  createEnvelope,
  derivedEventId,
  StationCommandOutcomeRecordedV1,
  Subjects,
  type EventEnvelope,
  type StationCommand,
} from '@chargeledger/contracts';
import type { StationCommandOutcome } from '@chargeledger/ingestion/ocpp-gateway';

export function stationCommandOutcomeEvent(
  subjects: Subjects,
  command: StationCommand,
  outcome: StationCommandOutcome,
  deliveries: number,
  recordedAt: Date,
): EventEnvelope {
  const id = derivedEventId(command.commandId, StationCommandOutcomeRecordedV1.type, 0);
  return createEnvelope(StationCommandOutcomeRecordedV1, {
    id,
    subject: subjects.event({
      context: 'ingestion',
      operatorId: command.operatorId,
      aggregate: 'station-command',
      id: command.commandId,
    }),
    operatorId: command.operatorId,
    time: recordedAt.toISOString(),
    correlationId: command.commandId,
    causationId: command.commandId,
    data: {
      commandId: command.commandId,
      stationId: command.stationId,
      command: command.command,
      outcome: outcome.outcome,
      ...('detail' in outcome ? { detail: outcome.detail.slice(0, 1000) } : {}),
      deliveries,
      recordedAt: recordedAt.toISOString(),
    },
  });
}
