/** A station began a charging transaction and ingestion accepted it. Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { externalId, nonNegativeDecimalString, utcTimestamp } from '../../values/values';

export const SessionStartedV1 = defineEvent({
  context: 'ingestion',
  name: 'SessionStarted',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({
    sessionId: z.uuid(),
    stationId: externalId,
    evseId: z.int().positive(),
    connectorId: z.int().positive(),
    transactionId: externalId,
    /** Pseudonymous token reference from the registry; never the printed card number. */
    tokenRef: z.uuid().optional(),
    startedAt: utcTimestamp,
    meterStartWh: nonNegativeDecimalString,
  }),
});
