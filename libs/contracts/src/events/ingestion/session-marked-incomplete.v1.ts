/**
 * An ended session misses messages: seqNos the station numbered between the first and the
 * last accepted one never arrived (or were refused). The energy known is still billed; the
 * gap is recorded for operators. Published again with the smaller gap when a late message
 * fills part of it (the latest one stands); SessionMarkedComplete when it is filled.
 * Only for stations that number their messages (OCPP 2.0.1). Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { ingestionReasonCode } from './raw-event-rejected.v1';

/** Missing seqNos `from`..`to`, both included. */
export const seqNoRangeV1 = z
  .strictObject({ from: z.int().nonnegative(), to: z.int().nonnegative() })
  .refine((r) => r.from <= r.to, 'from must not be after to');
export type SeqNoRange = z.infer<typeof seqNoRangeV1>;

/** At most this many ranges are listed; `missingCount` always counts every missing seqNo. */
export const SEQ_NO_RANGES_MAX = 1000;

export const SessionMarkedIncompleteV1 = defineEvent({
  context: 'ingestion',
  name: 'SessionMarkedIncomplete',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({
    sessionId: z.uuid(),
    /** `INGESTION.SEQNO_GAP`. */
    reasonCode: ingestionReasonCode,
    /** Ascending, disjoint; the first SEQ_NO_RANGES_MAX ranges. */
    missingSeqNos: z.array(seqNoRangeV1).min(1).max(SEQ_NO_RANGES_MAX),
    missingCount: z.int().positive(),
  }),
});
