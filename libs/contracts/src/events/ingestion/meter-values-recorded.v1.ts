/** Plausible meter samples of a session, as the station timestamped them. Frozen. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { nonNegativeDecimalString, utcTimestamp } from '../../values/values';

export const meterSampleV1 = z.strictObject({
  sampledAt: utcTimestamp,
  /** OCPP 2.0.1 seqNo of the carrying message, when the station sends one. */
  seqNo: z.int().nonnegative().optional(),
  energyRegisterWh: nonNegativeDecimalString.optional(),
  powerW: nonNegativeDecimalString.optional(),
  currentA: nonNegativeDecimalString.optional(),
  stateOfChargePercent: nonNegativeDecimalString.optional(),
});

export const MeterValuesRecordedV1 = defineEvent({
  context: 'ingestion',
  name: 'MeterValuesRecorded',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({
    sessionId: z.uuid(),
    samples: z.array(meterSampleV1).min(1).max(1000),
  }),
});
