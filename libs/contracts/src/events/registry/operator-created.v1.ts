/**
 * An operator was onboarded with its trading name and billing defaults (currency,
 * rounding mode, default VAT rate). The aggregate id is the operator id. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { operatorId, operatorName, operatorSettings } from '../../values/registry-values';

export const OperatorCreatedV1 = defineEvent({
  context: 'registry',
  name: 'OperatorCreated',
  version: 1,
  aggregate: 'operator',
  schema: z.strictObject({
    operatorId,
    name: operatorName,
    settings: operatorSettings,
  }),
});
