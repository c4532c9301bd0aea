/**
 * What became of a station command (CMD_STATIONS): carried out by the charger, refused,
 * dropped because it expired, never delivered because the charger stayed away, or failed
 * without a clear answer. One per command, on `station-command/<commandId>`, so rating (a
 * stop at a limit) and support can see whether a stop really reached the station.
 * Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { externalId, utcTimestamp } from '../../values/values';

export const STATION_COMMAND_OUTCOMES = [
  'accepted',
  'rejected',
  'expired',
  'not-connected',
  'failed',
] as const;

export const StationCommandOutcomeRecordedV1 = defineEvent({
  context: 'ingestion',
  name: 'StationCommandOutcomeRecorded',
  version: 1,
  aggregate: 'station-command',
  schema: z.strictObject({
    commandId: z.uuid(),
    stationId: externalId,
    command: z.enum(['RemoteStart', 'RemoteStop']),
    outcome: z.enum(STATION_COMMAND_OUTCOMES),
    /** The charger's or the gateway's words when it was not carried out. */
    detail: z.string().max(1000).optional(),
    /** How many times the command was offered before this outcome. */
    deliveries: z.int().positive(),
    recordedAt: utcTimestamp,
  }),
});
