/**
 * The ingestion service: validates, dedupes and normalises station telemetry into session facts.
 * This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';
import { INGESTION_MIGRATIONS, IngestionModule } from '@chargeledger/ingestion/feature';

runService({
  app: 'ingestion',
  httpPort: 3002,
  module: IngestionModule.register(process.env),
  migrations: INGESTION_MIGRATIONS,
});
