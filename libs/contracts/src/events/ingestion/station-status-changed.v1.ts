/**
 * A station reported a connector's status (OCPP StatusNotification, 1.6 or 2.0.1, read as
 * the 2.0.1 vocabulary): the occupancy facts analytics and drivers see. EVSE 0 is the
 * station as a whole. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { externalId, utcTimestamp } from '../../values/values';

export const CONNECTOR_STATUSES = [
  'Available',
  'Occupied',
  'Reserved',
  'Unavailable',
  'Faulted',
] as const;

export const StationStatusChangedV1 = defineEvent({
  context: 'ingestion',
  name: 'StationStatusChanged',
  version: 1,
  aggregate: 'station',
  schema: z.strictObject({
    stationId: externalId,
    evseId: z.int().nonnegative(),
    connectorId: z.int().nonnegative(),
    status: z.enum(CONNECTOR_STATUSES),
    /** When the station says the status began (receive time when a 1.6 station omits it). */
    at: utcTimestamp,
  }),
});
