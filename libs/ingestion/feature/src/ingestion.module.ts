/**
 * The ingestion service's feature module: the station-events HTTP input, the review API,
 * the OCPP-J gateway, and the registry view, gateway normaliser and station command
 * workers. The app passes `IngestionModule.register(process.env)` and INGESTION_MIGRATIONS
 * to the service kit; ingestion's own variables are parsed while the app is created, so a
 * bad value stops the boot naming the variable.
 */
import { type DynamicModule, Module } from '@nestjs/common';
import { loadConfig } from '@chargeledger/shared/config';
import { OpenApiModule } from '@chargeledger/platform/http';
import { IngestionReviewController } from './http/ingestion-review.controller';
import { StationEventsController } from './http/station-events.controller';
import { INGESTION_ENV, ingestionEnvSchema } from './ingestion.settings';
import { IngestionWorkers } from './ingestion.workers';
import { OcppGatewayHost } from './ocpp/ocpp-gateway.host';

@Module({
  imports: [
    OpenApiModule.forRoot({
      title: 'chargeledger ingestion',
      description:
        'Station messages over HTTP (stored before they are answered, judged like any gateway message) and what operators review: refused messages and flagged sessions.',
    }),
  ],
  controllers: [StationEventsController, IngestionReviewController],
  providers: [IngestionWorkers, OcppGatewayHost],
})
export class IngestionModule {
  static register(env: Readonly<Record<string, string | undefined>>): DynamicModule {
    return {
      module: IngestionModule,
      providers: [
        { provide: INGESTION_ENV, useFactory: () => loadConfig(ingestionEnvSchema, env) },
      ],
    };
  }
}
