export * from './data-source';
export * from './tenant-scoped.repository';
import { EventProcessingTables1764201600000 } from './migrations/1764201600000-event-processing-tables';
import { DeadLetters1764201600001 } from './migrations/1764201600001-dead-letters';
import { ProcessedEventsKeyByEvent1764840000000 } from './migrations/1764840000000-processed-events-key-by-event';

/** Migrations every service schema gets beside its own (all run in timestamp order). */
export const PLATFORM_MIGRATIONS = [
  EventProcessingTables1764201600000,
  DeadLetters1764201600001,
  ProcessedEventsKeyByEvent1764840000000,
] as const;
