/**
 * Where the gateway stores what a charger sent before answering it: ingestion's
 * RAW_GATEWAY writer in the service. A port, so the gateway does not depend on the
 * ingestion feature that wires it (the dependency points from the feature to the gateway).
 * `store` resolves only once the message is durably stored; a resend with the same
 * `messageId` is stored once and says `duplicate`.
 */
import type { GatewayMessageKind } from '@chargeledger/contracts';

export interface StationMessage {
  readonly operatorId: string;
  readonly stationId: string;
  readonly kind: GatewayMessageKind;
  /** The OCPP-J CALL's unique id; dedupes resends. */
  readonly messageId: string;
  /** The payload as received. */
  readonly body: Uint8Array;
}

export interface StoredStationMessage {
  /** RAW_GATEWAY's sequence; 1.6 transaction ids are the StartTransaction's. */
  readonly streamSequence: number;
  readonly duplicate: boolean;
}

export interface RawMessageStore {
  store(message: StationMessage): Promise<StoredStationMessage>;
}
