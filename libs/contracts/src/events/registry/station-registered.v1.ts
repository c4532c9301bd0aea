/** An operator registered a charging station at a site. Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import {
  evseSpec,
  ianaTimeZoneName,
  ocppVersion,
  registryExternalId,
} from '../../values/registry-values';

export const StationRegisteredV1 = defineEvent({
  context: 'registry',
  name: 'StationRegistered',
  version: 1,
  aggregate: 'station',
  schema: z.strictObject({
    stationId: registryExternalId,
    siteId: registryExternalId,
    ocppVersion,
    /** The zone tariff restrictions are evaluated in. */
    timeZone: ianaTimeZoneName,
    evses: z.array(evseSpec).min(1).max(64),
    /** Where the station's NATS credentials are kept (a secret's name), never the secret. */
    credentialsRef: z.string().min(1).max(255),
  }),
});
