/** An operator changed its trading name. Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { operatorId, operatorName } from '../../values/registry-values';

export const OperatorRenamedV1 = defineEvent({
  context: 'registry',
  name: 'OperatorRenamed',
  version: 1,
  aggregate: 'operator',
  schema: z.strictObject({ operatorId, name: operatorName }),
});
