/** A charging transaction ended; the final register is the station's meterStop. Frozen. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { nonNegativeDecimalString, utcTimestamp } from '../../values/values';

export const SessionEndedV1 = defineEvent({
  context: 'ingestion',
  name: 'SessionEnded',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({
    sessionId: z.uuid(),
    endedAt: utcTimestamp,
    meterStopWh: nonNegativeDecimalString,
    stoppedReason: z.string().min(1).max(64),
  }),
});
