/**
 * The module every chargeledger service boots with: configuration (including the API
 * token settings `@Authenticated` controllers verify with), logging, NATS with its
 * topology, Postgres with its migrations, health and metrics endpoints and trace propagation.
 * The app's own feature module is imported beside it and injects what it needs.
 */
import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { API_TOKEN_SETTINGS } from '@chargeledger/platform/http';
import type { ServiceConfig } from '@chargeledger/shared/config';
import type { Logger } from '@chargeledger/shared/observability';
import { DatabaseResource } from './database.resource';
import { HealthController } from './health.controller';
import { MetricsController, ServiceMetrics } from './metrics/service-metrics';
import { ServiceConsumers } from './service-consumers';
import { NatsResource } from './nats.resource';
import type { ServiceDefinition } from './service-definition';
import { SERVICE_CONFIG, SERVICE_DEFINITION, SERVICE_LOGGER } from './tokens';
import { TraceContextMiddleware } from './trace-context.middleware';

@Module({})
export class ServiceModule implements NestModule {
  static register(
    definition: ServiceDefinition,
    config: ServiceConfig,
    logger: Logger,
  ): DynamicModule {
    return {
      module: ServiceModule,
      global: true,
      imports: definition.module === undefined ? [] : [definition.module],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_DEFINITION, useValue: definition },
        { provide: SERVICE_LOGGER, useValue: logger },
        { provide: API_TOKEN_SETTINGS, useValue: config },
        NatsResource,
        DatabaseResource,
        ServiceMetrics,
        ServiceConsumers,
      ],
      exports: [
        SERVICE_CONFIG,
        SERVICE_LOGGER,
        API_TOKEN_SETTINGS,
        NatsResource,
        DatabaseResource,
        ServiceMetrics,
        ServiceConsumers,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TraceContextMiddleware).forRoutes('*path');
  }
}
