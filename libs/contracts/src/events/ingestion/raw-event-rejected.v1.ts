/**
 * Ingestion refused a raw gateway or charger message: a business fact operators see, not a
 * dead letter. The raw message stays in `RAW_GATEWAY` at `rawStreamSequence`; the reason
 * code is stable (`INGESTION.<REASON>`), the detail is for humans. When the message
 * belonged to a known session, that session is flagged for review so suspicious data is
 * never billed silently. The code is a pattern, not a closed list, so a new reason does not
 * need a new version. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { externalId, utcTimestamp } from '../../values/values';

export const ingestionReasonCode = z
  .string()
  .regex(/^INGESTION\.[A-Z][A-Z_]*$/, 'must be a reason code such as "INGESTION.SCHEMA_VIOLATION"');

export const RawEventRejectedV1 = defineEvent({
  context: 'ingestion',
  name: 'RawEventRejected',
  version: 1,
  aggregate: 'rejection',
  schema: z.strictObject({
    /** Id of the raw message (its `Nats-Msg-Id`); also the subject id of this event. */
    rawEventId: z.uuid(),
    rawStreamSequence: z.int().positive(),
    stationId: externalId,
    /** Absent when the message was too malformed to name its transaction. */
    transactionId: externalId.optional(),
    sessionId: z.uuid().optional(),
    reasonCode: ingestionReasonCode,
    detail: z.string().min(1).max(1000),
    receivedAt: utcTimestamp,
    /** True when a known session now needs manual review before billing. */
    sessionNeedsReview: z.boolean(),
  }),
});
