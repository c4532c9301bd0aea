/**
 * Late messages filled every seqNo gap of a session marked incomplete: the session is
 * whole again. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';

export const SessionMarkedCompleteV1 = defineEvent({
  context: 'ingestion',
  name: 'SessionMarkedComplete',
  version: 1,
  aggregate: 'session',
  schema: z.strictObject({ sessionId: z.uuid() }),
});
