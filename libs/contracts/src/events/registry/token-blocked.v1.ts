/** A token is refused from now on, for a reason from a closed list. Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { tokenBlockReason } from '../../values/registry-values';

export const TokenBlockedV1 = defineEvent({
  context: 'registry',
  name: 'TokenBlocked',
  version: 1,
  aggregate: 'token',
  schema: z.strictObject({ tokenId: z.uuid(), reason: tokenBlockReason }),
});
