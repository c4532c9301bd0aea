/**
 * @chargeledger/ingestion/feature: the ingestion service's behaviour: storing station
 * input in RAW_GATEWAY before acknowledging it, normalising it into session facts, and
 * the registry facts it judges them against.
 */
export * from './raw/raw-gateway.writer';
export { IngestionModule } from './ingestion.module';
export { INGESTION_MIGRATIONS } from './migrations/ingestion.migrations';
export { RegistryViewQueries, type StationFacts } from './registry-view/registry-view.queries';
export { INGESTION_PROJECTIONS } from './ingestion.projections';
