/**
 * Every message a JetStream stream holds, in stream order, for assertions: read one by one
 * with direct gets, so a test sees exactly what is stored without creating a consumer.
 */
import type { JetStreamManager, StoredMsg } from 'nats';

export async function streamContents(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(stream);
  const messages: StoredMsg[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++)
    messages.push(await jsm.streams.getMessage(stream, { seq }));
  return messages;
}
