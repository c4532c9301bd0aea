/**
 * The service's Postgres: opens the pool on its own schema, applies platform and service
 * migrations at start, closes the pool on shutdown.
 */
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  createServiceDataSource,
  migrate,
  PLATFORM_MIGRATIONS,
} from '@chargeledger/platform/persistence';
import type { ServiceConfig } from '@chargeledger/shared/config';
import type { Logger } from '@chargeledger/shared/observability';
import { withTimeout } from './nats.resource';
import type { ServiceDefinition } from './service-definition';
import { SERVICE_CONFIG, SERVICE_DEFINITION, SERVICE_LOGGER } from './tokens';

@Injectable()
export class DatabaseResource implements OnModuleInit, OnApplicationShutdown {
  readonly dataSource: DataSource;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_DEFINITION) definition: ServiceDefinition,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.dataSource = createServiceDataSource({
      url: config.DATABASE_URL,
      schema: config.DB_SCHEMA,
      poolSize: config.DB_POOL_SIZE,
      applicationName: `chargeledger-${config.app}`,
      entities: [],
      migrations: [...PLATFORM_MIGRATIONS, ...(definition.migrations ?? [])],
    });
  }

  async onModuleInit(): Promise<void> {
    await this.dataSource.initialize();
    const applied = await migrate(this.dataSource, this.config.DB_SCHEMA);
    this.logger.info({ schema: this.config.DB_SCHEMA, applied }, 'postgres ready');
  }

  async readinessProblems(timeoutMs: number): Promise<string[]> {
    if (!this.dataSource.isInitialized) return ['postgres: not connected'];
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), timeoutMs, 'postgres: no answer');
      return [];
    } catch (error) {
      return [`postgres: ${error instanceof Error ? error.message : String(error)}`];
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    await this.dataSource.destroy();
    this.logger.info('postgres pool closed');
  }
}
