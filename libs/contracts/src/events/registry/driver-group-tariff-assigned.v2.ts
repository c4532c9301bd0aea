/**
 * A tariff (owned by rating) now prices the sessions of a driver group's members: at one
 * station (`stationId`), at every station of one site (`siteId`), or at every station of
 * the operator (both null); never a station and a site at once. Rating prefers it over
 * the station's tariff for a driver in the group at the session's start. Ids only. A v1
 * event upcasts to a v2 without a site. Frozen: change = v3.
 */
import { z } from 'zod';
import { defineEvent, defineUpcaster } from '../event-definition';
import { registryExternalId } from '../../values/registry-values';
import { DriverGroupTariffAssignedV1 } from './driver-group-tariff-assigned.v1';

export const DriverGroupTariffAssignedV2 = defineEvent({
  context: 'registry',
  name: 'DriverGroupTariffAssigned',
  version: 2,
  aggregate: 'driver-group',
  schema: z
    .strictObject({
      groupId: registryExternalId,
      /** OCPI tariff id (CiString(36)). */
      tariffId: z.string().min(1).max(36),
      /** The one station it applies at; null = not one station. */
      stationId: registryExternalId.nullable(),
      /** The site at whose stations it applies; null = not one site. */
      siteId: registryExternalId.nullable(),
    })
    .refine((data) => data.stationId === null || data.siteId === null, {
      error: 'a group tariff applies at a station or at a site, not both',
    }),
});

/** v1 had no sites: the same assignment, at a station or operator-wide. */
export const driverGroupTariffAssignedV1ToV2 = defineUpcaster(
  DriverGroupTariffAssignedV1,
  DriverGroupTariffAssignedV2,
  (data) => ({ ...data, siteId: null }),
);
