/**
 * What a gateway, the HTTP endpoint or the OCPP-J server stores in `RAW_GATEWAY`: the
 * payload exactly as received on `gw.<operatorId>.<stationId>.<kind>`. The kind says how
 * to read it; ingestion maps every kind onto the same normalized session facts.
 *
 * Dedupe: JetStream's `Nats-Msg-Id` window is stream-wide, so a gateway that publishes
 * directly must give each message a globally unique id (a UUID is best). Our own inputs
 * derive it from the operator, station and the message id the sender chose, so two
 * stations that both number their messages "1, 2, 3" never collide.
 */
import { canonicalId } from '../naming/token';
import { CHARGELEDGER_ID_NAMESPACE } from '../ids/ids';
import { uuidV5 } from '../ids/uuid-v5';

export const GATEWAY_MESSAGE_KINDS = [
  /** OCPP 2.0.1 TransactionEventRequest. */
  'transaction-event',
  /** OCPP 2.0.1 StatusNotificationRequest. */
  'status-notification',
  /** OCPP 1.6 StartTransaction.req; its stream sequence is the CSMS-assigned transactionId. */
  'ocpp16-start-transaction',
  /** OCPP 1.6 MeterValues.req. */
  'ocpp16-meter-values',
  /** OCPP 1.6 StopTransaction.req. */
  'ocpp16-stop-transaction',
  /** OCPP 1.6 StatusNotification.req. */
  'ocpp16-status-notification',
] as const;

export type GatewayMessageKind = (typeof GATEWAY_MESSAGE_KINDS)[number];

export function isGatewayMessageKind(kind: string): kind is GatewayMessageKind {
  return (GATEWAY_MESSAGE_KINDS as readonly string[]).includes(kind);
}

/** `Nats-Msg-Id` for a message our own inputs store: scoped by operator and station. */
export function gatewayMsgIdOf(operatorId: string, stationId: string, messageId: string): string {
  const name = JSON.stringify(['gw', canonicalId(operatorId), canonicalId(stationId), messageId]);
  return uuidV5(name, CHARGELEDGER_ID_NAMESPACE);
}

/**
 * The raw message's id (a UUID) ingestion derives events from: from its `Nats-Msg-Id`
 * when it has one, so a resend yields the same events; else from its stream position.
 */
export function rawMessageIdOf(
  stream: string,
  natsMsgId: string | undefined,
  streamSequence: number,
): string {
  const name = JSON.stringify(
    natsMsgId === undefined ? ['raw-seq', stream, streamSequence] : ['raw-id', natsMsgId],
  );
  return uuidV5(name, CHARGELEDGER_ID_NAMESPACE);
}
