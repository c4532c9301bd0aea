/**
 * A station-numbered message of the session was accepted but recorded no meter samples
 * (e.g. an Authorized or EVDetected update, or an Ended without a reading). Samples carry
 * their seqNo already; this fact keeps the other seqNos in the log, so seqNo gap detection
 * (a projection of the session's events) never reports an arrived message as missing.
 * Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';

export const SessionSeqNoReceivedV1 = defineEvent({
  context: 'ingestion',
  name: 'SessionSeqNoReceived',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({
    sessionId: z.uuid(),
    seqNo: z.int().nonnegative(),
  }),
});
