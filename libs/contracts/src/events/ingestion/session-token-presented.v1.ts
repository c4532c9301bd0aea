/**
 * A session started without a token (plugged in first, authorised later) was presented
 * one by a later accepted message before it ended, and is charged to it. Only the first
 * token after a tokenless start: a session's token never changes, and one shown after the
 * end (the session was billed then) is not recorded. A token the registry refused still
 * names whom the session is charged to; a SessionFlaggedForReview follows it. Published
 * before the other facts of the message that presented it, so a message that presents
 * the token and ends the session gives the token before the end. The payment hold, set at
 * the start, is not estimated again. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { utcTimestamp } from '../../values/values';

export const SessionTokenPresentedV1 = defineEvent({
  context: 'ingestion',
  name: 'SessionTokenPresented',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({
    sessionId: z.uuid(),
    /** Pseudonymous token reference from the registry; never the printed card number. */
    tokenRef: z.uuid(),
    /** When the station says the message presenting it was sent (UTC). */
    presentedAt: utcTimestamp,
  }),
});
