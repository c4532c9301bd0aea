/**
 * An operator created a driver group (rating can price a group differently). Ids only:
 * the group id is operator-chosen and technical. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { registryExternalId } from '../../values/registry-values';

export const DriverGroupCreatedV1 = defineEvent({
  context: 'registry',
  name: 'DriverGroupCreated',
  version: 1,
  aggregate: 'driver-group',
  schema: z.strictObject({ groupId: registryExternalId }),
});
