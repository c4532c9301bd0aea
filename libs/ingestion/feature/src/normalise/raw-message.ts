/**
 * A message pulled from RAW_GATEWAY, read off its subject and stream metadata: who sent
 * it (operator and station tokens decoded back to ids), what kind it is, when the stream
 * stored it (the server receive time plausibility is judged against) and the raw id its
 * derived events are named after; then the body, as its kind says (see readRawMessage).
 */
import type { JsMsg } from 'nats';
import { decodeToken, isGatewayMessageKind, rawMessageIdOf } from '@chargeledger/contracts';
import {
  readRawMessage,
  type RawInput,
  type RawReading,
  type SessionIdOf,
} from '@chargeledger/ingestion/domain';

const NANOS_PER_MS = 1_000_000;

/** Returns undefined for a subject that is not `<prefix>gw.<operator>.<station>.<kind>`. */
export function rawInputOf(message: JsMsg, subjectPrefix: string): RawInput | undefined {
  const tokens = message.subject.slice(subjectPrefix.length).split('.');
  const [gw, operatorToken, stationToken, kind] = tokens;
  if (
    !message.subject.startsWith(subjectPrefix) ||
    tokens.length !== 4 ||
    gw !== 'gw' ||
    operatorToken === undefined ||
    stationToken === undefined ||
    kind === undefined
  )
    return undefined;
  const { stream, streamSequence, timestampNanos } = message.info;
  let operatorId: string;
  let stationId: string;
  try {
    operatorId = decodeToken(operatorToken);
    stationId = decodeToken(stationToken);
  } catch {
    return undefined;
  }
  const natsMsgId = message.headers?.get('Nats-Msg-Id');
  return {
    operatorId,
    stationId,
    kind: isGatewayMessageKind(kind) ? kind : undefined,
    subjectKind: kind,
    rawMessageId: rawMessageIdOf(
      stream,
      natsMsgId === undefined || natsMsgId === '' ? undefined : natsMsgId,
      streamSequence,
    ),
    streamSequence,
    receivedAt: new Date(Math.floor(timestampNanos / NANOS_PER_MS)).toISOString(),
    body: message.data,
  };
}

/** A pulled message as read: no reading when its subject names no station message. */
export interface ReadMessage {
  readonly message: JsMsg;
  readonly reading: RawReading | undefined;
}

/** Reads a batch from the messages alone (no state), so it can be done ahead of time. */
export function readMessages(
  messages: readonly JsMsg[],
  subjectPrefix: string,
  sessionIdOf: SessionIdOf,
): ReadMessage[] {
  return messages.map((message) => {
    const input = rawInputOf(message, subjectPrefix);
    return {
      message,
      reading: input === undefined ? undefined : readRawMessage(input, sessionIdOf),
    };
  });
}
