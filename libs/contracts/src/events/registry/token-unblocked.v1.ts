/** A blocked token is accepted again. Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';

export const TokenUnblockedV1 = defineEvent({
  context: 'registry',
  name: 'TokenUnblocked',
  version: 1,
  aggregate: 'token',
  schema: z.strictObject({ tokenId: z.uuid() }),
});
