/**
 * An operator published a version of a tariff (subject per tariff in EVT_RATING; the
 * subject sequence is the aggregate's version for optimistic concurrency). Versions are
 * immutable: a price change is a new version with its own validity window. A session is
 * rated with the version valid at its start: the highest version whose window holds the
 * start time. `tariff` is the OCPI 2.2.1 Tariff object; rating validates it with its engine
 * before publishing, so consumers can parse it with the same engine. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { currencyCode, utcTimestamp } from '../../values/values';

export const tariffId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,36}$/, 'must be an OCPI tariff id (1-36 of A-Z a-z 0-9 . _ -)');

export const TariffVersionPublishedV1 = defineEvent({
  context: 'rating',
  name: 'TariffVersionPublished',
  version: 1,
  aggregate: 'tariff',
  schema: z.strictObject({
    tariffId,
    /** 1 for the first version, then +1 per publication. */
    version: z.int().min(1),
    currency: currencyCode,
    /** Sessions starting at or after this instant may be rated with this version. */
    validFrom: utcTimestamp,
    /** Exclusive end of the window; null = open-ended. */
    validTo: utcTimestamp.nullable(),
    /** The OCPI 2.2.1 Tariff object, as the engine validated it. */
    tariff: z.record(z.string(), z.unknown()),
  }),
});
