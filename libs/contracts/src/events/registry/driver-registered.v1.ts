/** A driver joined a customer account. Pseudonymous: name and e-mail stay in the registry. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { pseudonymousId } from '../../values/registry-values';

export const DriverRegisteredV1 = defineEvent({
  context: 'registry',
  name: 'DriverRegistered',
  version: 1,
  aggregate: 'driver',
  schema: z.strictObject({ driverId: pseudonymousId, accountId: pseudonymousId }),
});
