/** Reads what RAW_GATEWAY holds for one station, in stream order, for assertions. */
import type { JetStreamManager } from 'nats';
import { Subjects, type Namespace } from '@chargeledger/contracts';
import { streamContents } from '@chargeledger/testing';

export interface StoredGatewayMessage {
  readonly streamSequence: number;
  readonly subject: string;
  readonly msgId: string | undefined;
  readonly body: unknown;
}

export async function storedMessagesOf(
  jsm: JetStreamManager,
  namespace: Namespace,
  operatorId: string,
  stationId: string,
): Promise<StoredGatewayMessage[]> {
  const stream = `${namespace.streamPrefix}RAW_GATEWAY`;
  const prefix = new Subjects(namespace).gatewayFilter(operatorId, stationId).slice(0, -1);
  return (await streamContents(jsm, stream))
    .filter((message) => message.subject.startsWith(prefix))
    .map((message) => ({
      streamSequence: message.seq,
      subject: message.subject,
      msgId: message.header.get('Nats-Msg-Id') || undefined,
      body: message.json(),
    }));
}
