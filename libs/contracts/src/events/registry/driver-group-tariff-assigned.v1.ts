/**
 * A tariff (owned by rating) now prices the sessions of a driver group's members: at one
 * station, or at every station of the operator when `stationId` is null. Rating prefers
 * it over the station's tariff for a driver in the group at the session's start. Ids
 * only. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { registryExternalId } from '../../values/registry-values';

export const DriverGroupTariffAssignedV1 = defineEvent({
  context: 'registry',
  name: 'DriverGroupTariffAssigned',
  version: 1,
  aggregate: 'driver-group',
  schema: z.strictObject({
    groupId: registryExternalId,
    /** OCPI tariff id (CiString(36)). */
    tariffId: z.string().min(1).max(36),
    /** The one station it applies at; null = every station of the operator. */
    stationId: registryExternalId.nullable(),
  }),
});
