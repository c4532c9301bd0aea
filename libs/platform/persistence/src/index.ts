export * from './data-source';
export * from './tenant-scoped.repository';
import { EventProcessingTables1764201600000 } from './migrations/1764201600000-event-processing-tables';
import { DeadLetters1764201600001 } from './migrations/1764201600001-dead-letters';

/** Migrations every service schema gets, before its own. */
export const PLATFORM_MIGRATIONS = [
  EventProcessingTables1764201600000,
  DeadLetters1764201600001,
] as const;
