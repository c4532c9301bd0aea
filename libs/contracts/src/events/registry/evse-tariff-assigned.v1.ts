/**
 * A tariff (owned by rating) now applies to every session at one EVSE of a station,
 * ahead of the station's own tariff (a fast DC EVSE priced apart from its AC neighbours,
 * say). Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { registryExternalId } from '../../values/registry-values';

export const EvseTariffAssignedV1 = defineEvent({
  context: 'registry',
  name: 'EvseTariffAssigned',
  version: 1,
  aggregate: 'station',
  schema: z.strictObject({
    stationId: registryExternalId,
    evseId: z.int().min(1).max(999),
    /** OCPI tariff id (CiString(36)). */
    tariffId: z.string().min(1).max(36),
  }),
});
