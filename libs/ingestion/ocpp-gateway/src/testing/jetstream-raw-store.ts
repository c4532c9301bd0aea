/**
 * The gateway tests' RawMessageStore: publishes to the suite's RAW_GATEWAY with the same
 * subject and `Nats-Msg-Id` as ingestion's RawGatewayWriter (both from contracts), so
 * dedupe and sequences behave as in the service. Not the service's writer, which lives
 * in the ingestion feature that depends on this lib; the feature's OCPP-J test runs the
 * gateway with the real one.
 */
import type { JetStreamClient } from 'nats';
import { gatewayMsgIdOf, Subjects, type Namespace } from '@chargeledger/contracts';
import type {
  RawMessageStore,
  StationMessage,
  StoredStationMessage,
} from '../ports/raw-message-store.port';

export class JetStreamRawStore implements RawMessageStore {
  private readonly subjects: Subjects;

  constructor(
    private readonly js: JetStreamClient,
    namespace: Namespace,
    private readonly publishTimeoutMs: number,
  ) {
    this.subjects = new Subjects(namespace);
  }

  async store(message: StationMessage): Promise<StoredStationMessage> {
    const { operatorId, stationId, kind, messageId } = message;
    const ack = await this.js.publish(
      this.subjects.gateway(operatorId, stationId, kind),
      message.body,
      {
        msgID: gatewayMsgIdOf(operatorId, stationId, messageId),
        timeout: this.publishTimeoutMs,
      },
    );
    return { streamSequence: ack.seq, duplicate: ack.duplicate };
  }
}
