/**
 * The OCPP-J server chargers connect to directly (1.6 and 2.0.1, ocpp-rpc with strict
 * schema validation). Upgrades on `/ocpp/<operatorId>/<stationId>` are authenticated
 * against the station directory; accepted chargers get their version's call handlers.
 * Station messages are stored in RAW_GATEWAY before they are answered. One connection per
 * station: a reconnecting charger replaces its stale connection.
 */
import type { IncomingMessage, Server } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { RPCServer } from 'ocpp-rpc';
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import type { IHandshakeInterface } from 'ocpp-rpc/lib/server-client';
import { z } from 'zod';
import { canonicalId, type StationCommand } from '@chargeledger/contracts';
import { handleBootAndHeartbeat } from './calls/boot-and-heartbeat.handlers';
import { ConnectedStation, type StationCallDependencies } from './calls/connected-station';
import { handleOcpp16Calls } from './calls/ocpp16.handlers';
import { handleOcpp201Calls } from './calls/ocpp201.handlers';
import {
  deliverStationCommand,
  type StationCommandOutcome,
} from './commands/station-command.delivery';
import { stationAddressOf, type StationAddress } from './connection/station-path';
import { decideUpgrade, type UpgradeDecision } from './connection/station-upgrade.decide';
import { refuseUpgrade } from './connection/upgrade-refusal';
import { ocppGatewayOptionsSchema, type OcppGatewayOptions } from './ocpp-gateway.options';
import type { StationDirectory } from './ports/station-directory.port';
import { deliverRunningCost, type RunningCostOutcome } from './running-cost/running-cost.delivery';
import type { RunningCost } from './running-cost/running-cost.ocpp';

export interface OcppGatewayDependencies extends StationCallDependencies {
  readonly directory: StationDirectory;
}

/** Served in this order of preference; the directory then pins each station to one. */
const PROTOCOLS = ['ocpp2.0.1', 'ocpp1.6'];
const SERVICE_UNAVAILABLE = 503;

/** What `accept()` keeps on the connection, read back through this schema. */
const connectionSession = z.strictObject({ operatorId: z.string(), stationId: z.string() });

export class OcppGateway {
  private readonly options: OcppGatewayOptions;
  private readonly server: RPCServer;
  /** Live connections by canonical station address. */
  private readonly connected = new Map<string, RpcServerClient>();
  private readonly attached = new Set<Server>();
  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    this.upgrade(request, socket, head);
  };

  constructor(
    private readonly dependencies: OcppGatewayDependencies,
    options: OcppGatewayOptions,
  ) {
    this.options = ocppGatewayOptionsSchema.parse(options);
    this.server = new RPCServer({
      protocols: PROTOCOLS,
      strictMode: true,
      callTimeoutMs: this.options.callTimeoutMs,
      pingIntervalMs: this.options.pingIntervalMs,
      deferPingsOnActivity: false,
      respondWithDetailedErrors: false,
      callConcurrency: 1,
      maxBadMessages: this.options.maxBadMessages,
      wssOptions: { maxPayload: this.options.maxMessageBytes },
    });
    this.server.auth((accept, reject, handshake) => {
      this.authenticate(handshake).then(
        (decision) => {
          if (decision.accept) accept(decision.station, decision.protocol);
          else reject(decision.status, '');
        },
        (error: unknown) => {
          dependencies.logger.error({ err: error }, 'OCPP upgrade check failed; answering 503');
          reject(SERVICE_UNAVAILABLE, '');
        },
      );
    });
    this.server.on('client', (client: RpcServerClient) => {
      this.connect(client);
    });
    this.server.on('error', (error: unknown) => {
      dependencies.logger.error({ err: error }, 'OCPP WebSocket server error');
    });
  }

  /** Serves OCPP-J on this HTTP server: every WebSocket upgrade on it is a charger's. */
  attachTo(httpServer: Server): void {
    this.attached.add(httpServer);
    httpServer.on('upgrade', this.onUpgrade);
  }

  /** Stops accepting chargers, lets in-flight calls finish, then closes every connection. */
  async close(): Promise<void> {
    for (const httpServer of this.attached) httpServer.off('upgrade', this.onUpgrade);
    this.attached.clear();
    const closing = [...this.connected.values()].map((client) =>
      client.close({ code: 1001, reason: 'gateway closing', awaitPending: true }),
    );
    await Promise.all(closing);
    await this.server.close({ code: 1001, reason: 'gateway closing', awaitPending: true });
  }

  /**
   * Delivers a remote start/stop to the station's live connection (a reconnected charger
   * is reached on its newest one); the outcome is logged and returned for recording.
   */
  async deliver(command: StationCommand): Promise<StationCommandOutcome> {
    const client = this.connected.get(connectionKey(command));
    const outcome = await deliverStationCommand(command, client, this.dependencies.clock());
    this.dependencies.logger.info(
      {
        operatorId: command.operatorId,
        stationId: command.stationId,
        commandId: command.commandId,
        command: command.command,
        ...outcome,
      },
      'station command handled',
    );
    return outcome;
  }

  /** Shows a session's running cost on the station, if it is connected here (best effort). */
  async showRunningCost(cost: RunningCost): Promise<RunningCostOutcome> {
    const outcome = await deliverRunningCost(cost, this.connected.get(connectionKey(cost)));
    if (outcome.outcome !== 'not-connected')
      this.dependencies.logger.debug(
        { operatorId: cost.operatorId, stationId: cost.stationId, ...outcome },
        'running cost handled',
      );
    return outcome;
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // refused here, before ocpp-rpc, which throws outside its error handling on bad paths
    if (stationAddressOf(request.url) === undefined) {
      refuseUpgrade(socket, 404);
      return;
    }
    // an HTTP(S) server's upgrade socket is a net.Socket, which ocpp-rpc requires
    if (!(socket instanceof Socket)) {
      socket.destroy();
      return;
    }
    this.server.handleUpgrade(request, socket, head).catch((error: unknown) => {
      this.dependencies.logger.error({ err: error }, 'OCPP upgrade failed');
      socket.destroy();
    });
  }

  private async authenticate(handshake: IHandshakeInterface): Promise<UpgradeDecision> {
    if (this.connected.size >= this.options.maxConnections) {
      this.dependencies.logger.warn({ max: this.options.maxConnections }, 'OCPP gateway full');
      return { accept: false, status: 503, reason: 'gateway full', securityEvent: false };
    }
    const decision = await decideUpgrade(handshake, this.dependencies.directory);
    if (!decision.accept) {
      const fields = {
        ...decision.station,
        status: decision.status,
        reason: decision.reason,
        remoteAddress: handshake.remoteAddress,
      };
      if (decision.securityEvent)
        this.dependencies.logger.warn(
          { ...fields, securityEvent: 'ocpp.upgrade_unauthorized' },
          'OCPP connection refused',
        );
      else this.dependencies.logger.info(fields, 'OCPP connection refused');
    }
    return decision;
  }

  private connect(client: RpcServerClient): void {
    const address = connectionSession.parse(client.session);
    const key = connectionKey(address);
    const station = new ConnectedStation(address, this.dependencies);
    const { logger } = this.dependencies;
    const stale = this.connected.get(key);
    if (stale !== undefined) {
      logger.info(address, 'station reconnected; closing its previous connection');
      stale
        .close({ code: 1000, reason: 'replaced by a new connection' })
        .catch((error: unknown) => {
          logger.warn({ ...address, err: error }, 'closing a replaced connection failed');
        });
    }
    this.connected.set(key, client);
    client.once('close', () => {
      if (this.connected.get(key) === client) this.connected.delete(key);
    });
    client.on('strictValidationFailure', (failure: { method: string; outbound: boolean }) => {
      logger.warn(
        { ...address, method: failure.method, outbound: failure.outbound },
        'OCPP message failed schema validation',
      );
    });
    client.on('badMessage', () => {
      logger.warn(address, 'malformed OCPP-J frame');
    });
    handleBootAndHeartbeat(client, station, this.options.heartbeatIntervalSeconds);
    if (client.protocol === 'ocpp1.6') handleOcpp16Calls(client, station);
    else handleOcpp201Calls(client, station);
  }
}

function connectionKey(address: StationAddress): string {
  return JSON.stringify([canonicalId(address.operatorId), canonicalId(address.stationId)]);
}
