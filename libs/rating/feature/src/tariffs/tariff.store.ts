/**
 * Reads the current tenant's tariffs from `rating_tariff_versions_v1`: one tariff folded
 * with the domain's evolve plus the stream sequence a command appends against, the tariff
 * an applied event belongs to (idempotent retries), and whether an event is applied yet
 * (what a command waits for to read its own write).
 */
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { canonicalId, TariffVersionPublishedV2 } from '@chargeledger/contracts';
import type { LoadedAggregate } from '@chargeledger/platform/eventstore';
import { TenantScopedRepository } from '@chargeledger/platform/persistence';
import { DatabaseResource } from '@chargeledger/platform/service';
import {
  evolveTariff,
  tariffInitialState,
  type TariffState,
  type TariffVersionData,
} from '@chargeledger/rating/domain';
import { RATING_TARIFFS_CONSUMER } from './tariff-versions.projection';

/** A row of `rating_tariff_versions_v1` as the TariffVersionPublished v2 data it records. */
export const TARIFF_VERSION_EVENT_SQL = `jsonb_build_object('tariffId', tariff_id, 'version', version,
  'currency', currency, 'validFrom', valid_from, 'validTo', valid_to, 'tariff', tariff)
  || CASE WHEN rating_options IS NULL THEN '{}'::jsonb
     ELSE jsonb_build_object('ratingOptions', rating_options) END`;

const versionRow = z.object({
  event: z.unknown(),
  published_at: z.string(),
  stream_sequence: z.coerce.number(),
});

export interface StoredTariff extends LoadedAggregate<TariffState> {
  /** When each version was published, by version number. */
  readonly publishedAt: ReadonlyMap<number, string>;
}

@Injectable()
export class TariffStore extends TenantScopedRepository {
  constructor(database: DatabaseResource) {
    super(database.dataSource.manager);
  }

  async load(tariffId: string): Promise<StoredTariff> {
    const rows = await this.queryForTenant(
      versionRow,
      `SELECT ${TARIFF_VERSION_EVENT_SQL} AS event, published_at, stream_sequence
       FROM rating_tariff_versions_v1 WHERE operator_id = $1 AND tariff_key = $2 ORDER BY version`,
      [canonicalId(tariffId)],
    );
    const versions: TariffVersionData[] = rows.map((row) =>
      TariffVersionPublishedV2.schema.parse(row.event),
    );
    return {
      state: versions.reduce<TariffState>(
        (state, data) => evolveTariff(state, { type: 'TariffVersionPublished', data }),
        tariffInitialState,
      ),
      version: Math.max(0, ...rows.map((row) => row.stream_sequence)),
      publishedAt: new Map(
        versions.map((v, index) => [v.version, rows[index]?.published_at ?? '']),
      ),
    };
  }

  /** The tariff key of an applied event of this tenant, or undefined when not applied (yet). */
  async tariffKeyOfEvent(eventId: string): Promise<string | undefined> {
    const [row] = await this.queryForTenant(
      z.object({ tariff_key: z.string() }),
      'SELECT tariff_key FROM rating_tariff_versions_v1 WHERE operator_id = $1 AND event_id = $2',
      [eventId],
    );
    return row?.tariff_key;
  }

  async isApplied(eventId: string): Promise<boolean> {
    const rows = await this.queryForTenant(
      z.object({ applied: z.literal(1) }),
      `SELECT 1 AS applied FROM processed_events
       WHERE operator_id = $1 AND consumer = $2 AND event_id = $3`,
      [RATING_TARIFFS_CONSUMER, eventId],
    );
    return rows.length > 0;
  }
}
