/**
 * What the session decider is asked: one raw TransactionEvent with the facts it is judged
 * against (the station's connectors, the plausibility policy, the receive time), and the
 * events it answers with, each carrying an id derived from the raw message.
 */
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
}

export type DecidedEvent = SessionEvent & { readonly id: string };
