/**
 * What the session decider is asked: one raw TransactionEvent with the facts it is judged
 * against (the station's connectors, the plausibility policy, the receive time, the token
 * decision), and the events it answers with, each carrying an id derived from the raw message.
 */
import type { TokenAuthorization } from '@chargeledger/contracts';
import type { PlausibilityPolicy } from './session-plausibility';
import type { SessionEvent } from './session.state';

export interface ConnectorFacts {
  readonly evseId: number;
  readonly connectorId: number;
  /** Rated maximum power of the connector in W, a decimal string. */
  readonly maxPowerW: string;
}

export interface IngestTransactionEvent {
  readonly type: 'IngestTransactionEvent';
  readonly operatorId: string;
  readonly stationId: string;
  /** The raw message as stored in RAW_GATEWAY: its id (a UUID), sequence and receive time. */
  readonly raw: {
    readonly messageId: string;
    readonly streamSequence: number;
    readonly receivedAt: string;
  };
  readonly payload: unknown;
  readonly connectors: readonly ConnectorFacts[];
  readonly policy: PlausibilityPolicy;
  /**
   * `station`: the seqNo is the station's own per-transaction counter (OCPP 2.0.1), so a
   * missing number is a missing message. `stream`: a stand-in from the RAW_GATEWAY stream
   * sequence (OCPP 1.6), unique and ordered but with gaps that mean nothing.
   */
  readonly seqNoSource: 'station' | 'stream';
  /**
   * The registry's decision on the token the message presents (see `presentedTokenOf`),
   * computed by the caller from ingestion's registry view; undefined when there is none.
   */
  readonly tokenAuthorization: TokenAuthorization | undefined;
}

export type DecidedEvent = SessionEvent & { readonly id: string };
