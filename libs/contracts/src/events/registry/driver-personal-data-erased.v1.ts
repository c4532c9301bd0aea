/**
 * The driver's personal data was erased on request. The driver id stays, so sessions,
 * ratings and invoices that refer to it replay unchanged. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { utcTimestamp } from '../../values/values';
import { pseudonymousId } from '../../values/registry-values';

export const DriverPersonalDataErasedV1 = defineEvent({
  context: 'registry',
  name: 'DriverPersonalDataErased',
  version: 1,
  aggregate: 'driver',
  schema: z.strictObject({ driverId: pseudonymousId, erasedAt: utcTimestamp }),
});
