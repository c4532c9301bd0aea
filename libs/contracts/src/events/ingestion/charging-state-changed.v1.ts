/**
 * A session's charging state changed, as the station reported it (OCPP 2.0.1
 * `transactionInfo.chargingState`): charging versus connected but idle, the input of
 * parking and idle fees. `changedAt` is the reporting message's station timestamp (UTC); a
 * state holds until the session's next ChargingStateChanged by `changedAt`. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { utcTimestamp } from '../../values/values';

export const CHARGING_STATES = [
  'Charging',
  'EVConnected',
  'SuspendedEV',
  'SuspendedEVSE',
  'Idle',
] as const;
export const chargingState = z.enum(CHARGING_STATES);
export type ChargingState = z.infer<typeof chargingState>;

export const ChargingStateChangedV1 = defineEvent({
  context: 'ingestion',
  name: 'ChargingStateChanged',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({
    sessionId: z.uuid(),
    chargingState,
    changedAt: utcTimestamp,
  }),
});
