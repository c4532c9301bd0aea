/**
 * The service's NATS connection and JetStream topology: connects at start, makes streams
 * and the service's durable consumers match the contracts' specs, drains on shutdown.
 */
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import {
  consumerSpecsOf,
  isolatedNamespace,
  PRODUCTION_NAMESPACE,
  streamSpecs,
  type App,
} from '@chargeledger/contracts';
import {
  closeNats,
  connectToNats,
  missingTopology,
  provisionTopology,
  type Topology,
} from '@chargeledger/platform/messaging';
import type { ServiceConfig } from '@chargeledger/shared/config';
import type { Logger } from '@chargeledger/shared/observability';
import type { ServiceDefinition } from './service-definition';
import { SERVICE_CONFIG, SERVICE_DEFINITION, SERVICE_LOGGER } from './tokens';

export function topologyOf(app: App, config: ServiceConfig): Topology {
  const namespace =
    config.EVENT_NAMESPACE === ''
      ? PRODUCTION_NAMESPACE
      : isolatedNamespace(config.EVENT_NAMESPACE);
  return {
    namespace,
    streams: Object.values(streamSpecs(namespace, config.STREAM_REPLICAS)),
    consumers: consumerSpecsOf(app, namespace),
  };
}

@Injectable()
export class NatsResource implements OnModuleInit, OnApplicationShutdown {
  private connection: NatsConnection | undefined;
  private manager: JetStreamManager | undefined;
  readonly topology: Topology;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_DEFINITION) definition: ServiceDefinition,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.topology = topologyOf(definition.app, config);
  }

  async onModuleInit(): Promise<void> {
    this.connection = await connectToNats({
      url: this.config.NATS_URL,
      name: this.config.app,
      connectTimeoutMs: this.config.NATS_CONNECT_TIMEOUT_MS,
      log: (event, detail) => this.logger.info(detail, event),
    });
    this.manager = await this.connection.jetstreamManager({
      timeout: this.config.NATS_CONNECT_TIMEOUT_MS,
    });
    await provisionTopology(this.manager, this.topology, (event, detail) =>
      this.logger.info(detail, event),
    );
    this.logger.info(
      {
        url: this.config.NATS_URL,
        streams: this.topology.streams.length,
        consumers: this.topology.consumers.length,
      },
      'nats ready',
    );
  }

  get nats(): NatsConnection {
    if (this.connection === undefined)
      throw new Error('NATS is used before the module initialised');
    return this.connection;
  }

  get jetstream(): JetStreamClient {
    return this.nats.jetstream({ timeout: this.config.NATS_CONNECT_TIMEOUT_MS });
  }

  /** Problems that make the service unready; empty when NATS answers and topology exists. */
  async readinessProblems(timeoutMs: number): Promise<string[]> {
    const connection = this.connection;
    if (connection === undefined || this.manager === undefined || connection.isClosed())
      return ['nats: not connected'];
    try {
      await withTimeout(connection.flush(), timeoutMs, 'nats: no answer to ping');
      return (
        await withTimeout(
          missingTopology(this.manager, this.topology),
          timeoutMs,
          'nats: topology check timed out',
        )
      ).map((m) => `nats: missing ${m}`);
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection !== undefined)
      await closeNats(this.connection, this.config.SHUTDOWN_TIMEOUT_MS);
  }
}

export async function withTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
