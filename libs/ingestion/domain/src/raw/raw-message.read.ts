/**
 * First look at a raw gateway message: parse the body as its kind says and name the
 * session it belongs to, or refuse it with a reason code when it cannot be read at all.
 * Pure; the caller loads the named sessions' state before deciding.
 */
import { sessionIdOf } from '@chargeledger/contracts';
import { z } from 'zod';
import type { GatewayMessageKind } from '@chargeledger/contracts';
import { readTransactionEvent } from '../session/session.decider';
import type { TransactionEvent } from '../ocpp/transaction-event.schema';
import { rejection, type Rejection } from '../session/ingestion-rejection';
import { assertNever } from '../shared/assert-never';
import { mapOcpp16ToTransactionEvent } from '../ocpp16/ocpp16-transaction.map';
import { mapStationStatus, type StationStatus } from '../ocpp16/station-status.map';

/** A RAW_GATEWAY message as plain data: sender, kind, stream position, body bytes. */
export interface RawInput {
  readonly operatorId: string;
  readonly stationId: string;
  /** Undefined when the subject names a kind ingestion does not know. */
  readonly kind: GatewayMessageKind | undefined;
  readonly subjectKind: string;
  readonly rawMessageId: string;
  readonly streamSequence: number;
  readonly receivedAt: string;
  readonly body: Uint8Array;
}

export type RawReading =
  | {
      readonly reading: 'transaction-event';
      readonly raw: RawInput;
      readonly message: TransactionEvent;
      readonly sessionId: string;
    }
  | { readonly reading: 'station-status'; readonly raw: RawInput; readonly status: StationStatus }
  | { readonly reading: 'refused'; readonly raw: RawInput; readonly refusal: Rejection };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** How a session id is derived: `sessionIdOf`, or a memo of it. */
export type SessionIdOf = (operatorId: string, stationId: string, transactionId: string) => string;

export function readRawMessage(raw: RawInput, sessionIds: SessionIdOf = sessionIdOf): RawReading {
  const refused = (refusal: Rejection): RawReading => ({ reading: 'refused', raw, refusal });
  if (raw.kind === undefined)
    return refused(rejection('INGESTION.UNKNOWN_MESSAGE_KIND', `kind "${raw.subjectKind}"`));
  let payload: unknown;
  try {
    payload = JSON.parse(decoder.decode(raw.body));
  } catch (error) {
    return refused(rejection('INGESTION.SCHEMA_VIOLATION', `not UTF-8 JSON: ${String(error)}`));
  }
  switch (raw.kind) {
    case 'transaction-event': {
      const parsed = readTransactionEvent(payload);
      if (parsed.success) return transaction(raw, parsed.data, sessionIds);
      return refused(rejection('INGESTION.SCHEMA_VIOLATION', z.prettifyError(parsed.error)));
    }
    case 'ocpp16-start-transaction':
    case 'ocpp16-meter-values':
    case 'ocpp16-stop-transaction': {
      const mapped = mapOcpp16ToTransactionEvent(raw.kind, payload, raw.streamSequence);
      if (mapped.ok) return transaction(raw, mapped.event, sessionIds);
      const code =
        mapped.refusal === 'schema'
          ? 'INGESTION.SCHEMA_VIOLATION'
          : 'INGESTION.UNKNOWN_TRANSACTION';
      return refused(rejection(code, mapped.detail));
    }
    case 'status-notification':
    case 'ocpp16-status-notification': {
      const mapped = mapStationStatus(raw.kind, payload, raw.receivedAt);
      if (!mapped.ok) return refused(rejection('INGESTION.SCHEMA_VIOLATION', mapped.detail));
      return { reading: 'station-status', raw, status: mapped.status };
    }
    default:
      return assertNever(raw.kind);
  }
}

function transaction(
  raw: RawInput,
  message: TransactionEvent,
  sessionIds: SessionIdOf,
): RawReading {
  const { transactionId } = message.transactionInfo;
  const sessionId = sessionIds(raw.operatorId, raw.stationId, transactionId);
  return { reading: 'transaction-event', raw, message, sessionId };
}
