/**
 * Every event type chargeledger publishes, with the upcasters between versions. Adding an
 * event means adding its file under `events/<context>/` and listing it here.
 */
import { EventCatalog } from './event-catalog';
import { MeterValuesRecordedV1 } from './ingestion/meter-values-recorded.v1';
import { SessionEndedV1 } from './ingestion/session-ended.v1';
import { SessionStartedV1 } from './ingestion/session-started.v1';

export const EVENT_DEFINITIONS = [SessionStartedV1, MeterValuesRecordedV1, SessionEndedV1] as const;

export const eventCatalog = new EventCatalog(EVENT_DEFINITIONS, []);
