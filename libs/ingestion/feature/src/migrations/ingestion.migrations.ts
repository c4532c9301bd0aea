/** Ingestion's migrations, oldest first; the service kit applies them at boot. */
import { IngestionTables1764600000000 } from './1764600000000-ingestion-tables';
import { IngestionSessionSamples1764700000000 } from './1764700000000-ingestion-session-samples';

export const INGESTION_MIGRATIONS = [
  IngestionTables1764600000000,
  IngestionSessionSamples1764700000000,
] as const;
