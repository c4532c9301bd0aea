/**
 * A message pulled from RAW_GATEWAY, read off its subject and stream metadata: who sent
 * it (operator and station tokens decoded back to ids), what kind it is, when the stream
 * stored it (the server receive time plausibility is judged against) and the raw id its
 * derived events are named after. The body is parsed later, by kind.
 */
import type { JsMsg } from 'nats';
import { decodeToken, isGatewayMessageKind, rawMessageIdOf } from '@chargeledger/contracts';
import type { RawInput } from '@chargeledger/ingestion/domain';

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
