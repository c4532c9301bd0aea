/**
 * Runs ingestion's consumers and its OCPP-J gateway while the service is up: the
 * projection of registry facts (`ingestion-registry`), the gateway normaliser
 * (`ingestion-gateway`) and the station command delivery (`ingestion-station-commands`).
 * They start after every module is initialised (NATS connected, migrations applied); on
 * shutdown the consumers finish the batch in flight, then the gateway closes, all before
 * NATS and Postgres close.
 */
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Subjects } from '@chargeledger/contracts';
import {
  DEFAULT_APPENDER_OPTIONS,
  durablesCaughtUp,
  EventAppender,
  RunLoop,
  type ProjectionRunner,
} from '@chargeledger/platform/eventstore';
import {
  DatabaseResource,
  NatsResource,
  ServiceConsumers,
  ServiceMetrics,
} from '@chargeledger/platform/service';
import {
  INGESTION_STATION_COMMANDS_CONSUMER,
  StationCommandsConsumer,
} from './commands/station-commands.consumer';
import { stationCommandOutcomeEvent } from './commands/station-command-outcome.record';
import { GatewayNormaliser, INGESTION_GATEWAY_CONSUMER } from './normalise/gateway-normaliser';
import {
  INGESTION_POLICY,
  NORMALISER_LIMITS,
  REGISTRY_VIEW_LIMITS,
  STATION_COMMAND_LIMITS,
} from './ingestion.settings';
import { OcppGatewayHost } from './ocpp/ocpp-gateway.host';
import {
  INGESTION_REGISTRY_CONSUMER,
  RegistryViewProjection,
} from './registry-view/registry-view.projection';
import { RegistryViewQueries } from './registry-view/registry-view.queries';

@Injectable()
export class IngestionWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private registryView: ProjectionRunner | undefined;
  private normaliserLoop: RunLoop | undefined;
  private commandsLoop: RunLoop | undefined;
  normaliser: GatewayNormaliser | undefined;

  constructor(
    private readonly consumers: ServiceConsumers,
    private readonly nats: NatsResource,
    private readonly database: DatabaseResource,
    private readonly gateway: OcppGatewayHost,
    private readonly metrics: ServiceMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const { consumers } = this;
    const { namespace } = this.nats.topology;
    const js = this.nats.jetstream;
    const { dataSource } = this.database;
    const { deadLetters, log } = consumers;
    const registrySpec = consumers.spec(INGESTION_REGISTRY_CONSUMER);
    this.registryView = consumers.projectionRunner(registrySpec, new RegistryViewProjection(), {
      ordered: true,
      ...REGISTRY_VIEW_LIMITS,
    });
    const gatewaySpec = consumers.spec(INGESTION_GATEWAY_CONSUMER);
    this.normaliser = new GatewayNormaliser({
      duplicates: this.metrics.counter(
        'ingestion_duplicate_messages_total',
        'Station messages that changed nothing: handled before, or an identical resend.',
      ),
      js,
      dataSource,
      appender: new EventAppender(js, DEFAULT_APPENDER_OPTIONS),
      registry: new RegistryViewQueries(dataSource),
      deadLetters,
      namespace,
      durable: gatewaySpec.durable,
      policy: INGESTION_POLICY,
      maxDeliver: gatewaySpec.maxDeliver,
      ...NORMALISER_LIMITS,
      registryViewCaughtUp: () => durablesCaughtUp(js, namespace, [registrySpec]),
      log,
    });
    const normaliser = this.normaliser;
    this.normaliserLoop = new RunLoop(
      INGESTION_GATEWAY_CONSUMER,
      async () => (await normaliser.runOnce()).pulled,
      NORMALISER_LIMITS.errorBackoffMaxMs,
      log,
    );
    this.gateway.start();
    this.commandsLoop = this.stationCommandsLoop();
    this.registryView.start();
    this.normaliserLoop.start();
    this.commandsLoop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([
      this.registryView?.stop(),
      this.normaliserLoop?.stop(),
      this.commandsLoop?.stop(),
    ]);
    await this.normaliser?.handBackAhead();
    await this.gateway.close();
  }

  private stationCommandsLoop(): RunLoop {
    const { deadLetters, log } = this.consumers;
    const spec = this.consumers.spec(INGESTION_STATION_COMMANDS_CONSUMER);
    const appender = new EventAppender(this.nats.jetstream, DEFAULT_APPENDER_OPTIONS);
    const subjects = new Subjects(this.nats.topology.namespace);
    const consumer = new StationCommandsConsumer({
      js: this.nats.jetstream,
      stream: this.consumers.streamOf(spec),
      durable: spec.durable,
      maxDeliver: spec.maxDeliver,
      deadLetters,
      deliver: (command) => this.gateway.deliver(command),
      record: async (command, outcome, deliveries) => {
        await appender.append([
          stationCommandOutcomeEvent(subjects, command, outcome, deliveries, new Date()),
        ]);
      },
      clock: () => new Date(),
      log,
      ...STATION_COMMAND_LIMITS,
    });
    return new RunLoop(
      INGESTION_STATION_COMMANDS_CONSUMER,
      () => consumer.runOnce(),
      STATION_COMMAND_LIMITS.errorBackoffMaxMs,
      log,
    );
  }
}
