/** Reads what RAW_GATEWAY holds for one station, in stream order, for assertions. */
import type { JetStreamManager } from 'nats';
import { Subjects, type Namespace } from '@chargeledger/contracts';

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
  const { state } = await jsm.streams.info(stream);
  const stored: StoredGatewayMessage[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (!message.subject.startsWith(prefix)) continue;
    stored.push({
      streamSequence: message.seq,
      subject: message.subject,
      msgId: message.header.get('Nats-Msg-Id') || undefined,
      body: message.json(),
    });
  }
  return stored;
}
