/** A driver became a member of a driver group. Ids only. Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { pseudonymousId, registryExternalId } from '../../values/registry-values';

export const DriverAddedToGroupV1 = defineEvent({
  context: 'registry',
  name: 'DriverAddedToGroup',
  version: 1,
  aggregate: 'driver-group',
  schema: z.strictObject({ groupId: registryExternalId, driverId: pseudonymousId }),
});
