/** An operator registered a site (a location with stations). Frozen: change = v2. */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { countryCode, ianaTimeZoneName, registryExternalId } from '../../values/registry-values';

export const SiteRegisteredV1 = defineEvent({
  context: 'registry',
  name: 'SiteRegistered',
  version: 1,
  aggregate: 'site',
  schema: z.strictObject({
    siteId: registryExternalId,
    /** The location's public name (e.g. a car park), never a person's. */
    name: z.string().min(1).max(255),
    countryCode,
    timeZone: ianaTimeZoneName,
  }),
});
