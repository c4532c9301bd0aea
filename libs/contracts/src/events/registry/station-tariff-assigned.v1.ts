/** A tariff (owned by rating) now applies to every session at a station. Frozen. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { registryExternalId } from '../../values/registry-values';

export const StationTariffAssignedV1 = defineEvent({
  context: 'registry',
  name: 'StationTariffAssigned',
  version: 1,
  aggregate: 'station',
  schema: z.strictObject({
    stationId: registryExternalId,
    /** OCPI tariff id (CiString(36)). */
    tariffId: z.string().min(1).max(36),
  }),
});
