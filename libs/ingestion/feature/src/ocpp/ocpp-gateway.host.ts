/**
 * Runs the OCPP-J gateway inside the ingestion service: chargers connect on the service's
 * own HTTP server (`/ocpp/<operatorId>/<stationId>`), are authenticated against the
 * registry view and the station secrets, and their messages are stored in RAW_GATEWAY
 * by the same writer as the HTTP input; rating's running costs are shown on them
 * (running-cost.relay.ts). Started by IngestionWorkers once NATS and
 * Postgres are up; closed by them after the command consumer stopped and before NATS
 * closes, so no charger is answered for a message that could not be stored.
 */
import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { Subjects, type StationCommand } from '@chargeledger/contracts';
import { OcppGateway, type StationCommandOutcome } from '@chargeledger/ingestion/ocpp-gateway';
import { DatabaseResource, NatsResource, SERVICE_LOGGER } from '@chargeledger/platform/service';
import type { Logger } from '@chargeledger/shared/observability';
import { INGESTION_ENV, OCPP_GATEWAY_OPTIONS, type IngestionEnv } from '../ingestion.settings';
import { RawGatewayWriter } from '../raw/raw-gateway.writer';
import { RegistryViewQueries } from '../registry-view/registry-view.queries';
import { RegistryStationDirectory } from './registry-station.directory';
import { RunningCostRelay } from './running-cost.relay';
import {
  DirectoryStationCredentials,
  NoStationCredentials,
  type StationCredentials,
} from './station-credentials.store';

@Injectable()
export class OcppGatewayHost {
  private gateway: OcppGateway | undefined;
  private runningCosts: RunningCostRelay | undefined;

  constructor(
    private readonly nats: NatsResource,
    private readonly database: DatabaseResource,
    private readonly http: HttpAdapterHost,
    @Inject(INGESTION_ENV) private readonly env: IngestionEnv,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.gateway !== undefined) throw new Error('the OCPP-J gateway is already started');
    const registry = new RegistryViewQueries(this.database.dataSource);
    this.gateway = new OcppGateway(
      {
        writer: new RawGatewayWriter(this.nats.jetstream, this.nats.topology.namespace),
        directory: new RegistryStationDirectory(registry, this.credentials()),
        authorizer: registry,
        logger: this.logger,
        clock: () => new Date(),
      },
      OCPP_GATEWAY_OPTIONS,
    );
    // Nest's express adapter serves on a node:http Server; its type is not exported as such
    this.gateway.attachTo(this.http.httpAdapter.getHttpServer() as Server);
    const gateway = this.gateway;
    this.runningCosts = new RunningCostRelay({
      nats: this.nats.nats,
      subjects: new Subjects(this.nats.topology.namespace),
      dataSource: this.database.dataSource,
      show: (cost) => gateway.showRunningCost(cost),
      logger: this.logger,
    });
    this.runningCosts.start();
  }

  deliver(command: StationCommand): Promise<StationCommandOutcome> {
    if (this.gateway === undefined) throw new Error('the OCPP-J gateway is not started');
    return this.gateway.deliver(command);
  }

  async close(): Promise<void> {
    await this.runningCosts?.close();
    this.runningCosts = undefined;
    await this.gateway?.close();
    this.gateway = undefined;
  }

  private credentials(): StationCredentials {
    const directory = this.env.STATION_CREDENTIALS_DIR;
    if (directory !== undefined) return new DirectoryStationCredentials(directory, this.logger);
    this.logger.warn(
      { variable: 'STATION_CREDENTIALS_DIR' },
      'no station credentials directory configured; every OCPP-J login is refused',
    );
    return new NoStationCredentials();
  }
}
