export * from './data-source';
export * from './tenant-scoped.repository';
export { EventProcessingTables1764201600000 } from './migrations/1764201600000-event-processing-tables';

import { EventProcessingTables1764201600000 } from './migrations/1764201600000-event-processing-tables';
/** Migrations every service schema gets, before its own. */
export const PLATFORM_MIGRATIONS = [EventProcessingTables1764201600000] as const;
