/**
 * An accepted session needs a human before it is billed, for a reason that is no refused
 * message (those are RawEventRejected): e.g. the token it started with is unknown or not
 * accepted. The energy was delivered, so the session is kept, never dropped. The reason
 * code is stable (`INGESTION.<REASON>`), the detail is for humans. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { ingestionReasonCode } from './raw-event-rejected.v1';

export const SessionFlaggedForReviewV1 = defineEvent({
  context: 'ingestion',
  name: 'SessionFlaggedForReview',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({
    sessionId: z.uuid(),
    reasonCode: ingestionReasonCode,
    detail: z.string().min(1).max(1000),
  }),
});
