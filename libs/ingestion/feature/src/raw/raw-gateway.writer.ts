/**
 * Stores a station message in `RAW_GATEWAY` exactly as received and resolves only once
 * JetStream acknowledged it: the HTTP endpoint and the OCPP-J server answer the sender
 * after this, so nothing a sender saw confirmed can be lost. Retries reuse the same
 * `Nats-Msg-Id`, so a retry after a lost ack is stored once; the answer says whether the
 * message was a duplicate and which stream sequence holds it.
 */
import type { JetStreamClient } from 'nats';
import {
  gatewayMsgIdOf,
  rawMessageIdOf,
  Subjects,
  type GatewayMessageKind,
  type Namespace,
} from '@chargeledger/contracts';
import { publishWithRetries } from '@chargeledger/platform/eventstore';

export interface RawGatewayMessage {
  readonly operatorId: string;
  readonly stationId: string;
  readonly kind: GatewayMessageKind;
  /** The sender's id for this message (OCPP unique id, client event id); dedupes resends. */
  readonly messageId: string;
  /** The payload as received, byte for byte. */
  readonly body: Uint8Array;
}

export interface StoredRawMessage {
  /** The id ingestion names the message's facts and its rejection after. */
  readonly rawMessageId: string;
  readonly streamSequence: number;
  readonly duplicate: boolean;
}

export interface RawGatewayWriterOptions {
  readonly publishTimeoutMs: number;
  readonly attemptsMax: number;
  readonly retryDelayMs: number;
}

export const DEFAULT_RAW_GATEWAY_WRITER_OPTIONS: RawGatewayWriterOptions = {
  publishTimeoutMs: 5_000,
  attemptsMax: 4,
  retryDelayMs: 100,
};

export class RawGatewayWriter {
  private readonly subjects: Subjects;
  private readonly stream: string;

  constructor(
    private readonly js: JetStreamClient,
    namespace: Namespace,
    private readonly options: RawGatewayWriterOptions = DEFAULT_RAW_GATEWAY_WRITER_OPTIONS,
  ) {
    this.subjects = new Subjects(namespace);
    this.stream = `${namespace.streamPrefix}RAW_GATEWAY`;
  }

  async store(message: RawGatewayMessage): Promise<StoredRawMessage> {
    const { operatorId, stationId, kind } = message;
    const subject = this.subjects.gateway(operatorId, stationId, kind);
    const msgID = gatewayMsgIdOf(operatorId, stationId, message.messageId);
    const ack = await publishWithRetries(this.options, msgID, () =>
      this.js.publish(subject, message.body, { msgID, timeout: this.options.publishTimeoutMs }),
    );
    return {
      rawMessageId: rawMessageIdOf(this.stream, msgID, ack.seq),
      streamSequence: ack.seq,
      duplicate: ack.duplicate,
    };
  }
}
