/**
 * One charger's connection as the call handlers see it: which station it is, and the two
 * things a call may need before it is answered. `store` resolves only after JetStream
 * acknowledged the message, and any failure becomes an OCPP InternalError, so a charger
 * is never told "done" for a message that was not stored and retries instead. A retry
 * with the same OCPP message id is stored once (the writer's msg id) and answered alike.
 */
import { RPCInternalError } from 'ocpp-rpc';
import type { GatewayMessageKind, TokenAuthorization } from '@chargeledger/contracts';
import type { StationAddress } from '../connection/station-path';
import type { RawMessageStore, StoredStationMessage } from '../ports/raw-message-store.port';
import type { TokenAuthorizer } from '../ports/token-authorizer.port';
import type { GatewayLogger } from '../gateway-logger';

export interface StationCallDependencies {
  readonly writer: RawMessageStore;
  readonly authorizer: TokenAuthorizer;
  readonly logger: GatewayLogger;
  readonly clock: () => Date;
}

/** The parts of an inbound OCPP call the gateway reads (ocpp-rpc's handler argument). */
export interface InboundCall {
  readonly messageId?: string;
  readonly params?: unknown;
}

export class ConnectedStation {
  constructor(
    readonly address: StationAddress,
    private readonly dependencies: StationCallDependencies,
  ) {}

  /** The CSMS time chargers are given (BootNotification, Heartbeat), UTC ISO-8601. */
  now(): string {
    return this.dependencies.clock().toISOString();
  }

  async store(kind: GatewayMessageKind, call: InboundCall): Promise<StoredStationMessage> {
    const { messageId } = call;
    // ocpp-rpc always passes the CALL's id; without one there is nothing to dedupe on
    if (messageId === undefined) throw new Error('ocpp-rpc passed a call without message id');
    try {
      const stored = await this.dependencies.writer.store({
        ...this.address,
        kind,
        messageId,
        body: Buffer.from(JSON.stringify(call.params), 'utf8'),
      });
      if (stored.duplicate)
        this.dependencies.logger.info(
          { ...this.address, kind, messageId, streamSequence: stored.streamSequence },
          'OCPP call resent; answered from the stored copy',
        );
      return stored;
    } catch (error) {
      this.dependencies.logger.error(
        { ...this.address, kind, messageId, err: error },
        'OCPP call not stored; answering InternalError so the charger retries',
      );
      throw new RPCInternalError('message not stored, retry later');
    }
  }

  async authorize(idToken: string): Promise<TokenAuthorization> {
    try {
      return await this.dependencies.authorizer.authorize(
        this.address.operatorId,
        idToken,
        this.now(),
      );
    } catch (error) {
      this.dependencies.logger.error(
        { ...this.address, err: error },
        'token authorisation failed; answering InternalError',
      );
      throw new RPCInternalError('authorisation unavailable, retry later');
    }
  }
}
