/**
 * An operator changed its billing defaults. Carries the whole new settings, so a
 * consumer needs only the latest event to know them. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { operatorId, operatorSettings } from '../../values/registry-values';

export const OperatorSettingsChangedV1 = defineEvent({
  context: 'registry',
  name: 'OperatorSettingsChanged',
  version: 1,
  aggregate: 'operator',
  schema: z.strictObject({ operatorId, settings: operatorSettings }),
});
