/**
 * Rating's projection of its own tariff events into `rating_tariff_versions_v1`: one row
 * per published version (with its rating options, TariffVersionPublished v2) and its stream sequence (the tariff's optimistic-concurrency
 * version is the highest of its rows). Keyed by natural ids, so a rebuild reproduces it
 * and any interleaving gives the same rows.
 */
import type { QueryRunner } from 'typeorm';
import { canonicalId, TariffVersionPublishedV2 } from '@chargeledger/contracts';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';

export const RATING_TARIFFS_CONSUMER = 'rating-tariffs';

export class TariffVersionsProjection implements Projection {
  readonly consumer = RATING_TARIFFS_CONSUMER;
  readonly tables = [
    { name: 'rating_tariff_versions_v1', orderBy: 'operator_id, tariff_key, version' },
  ];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    for (const { envelope, streamSequence } of events) {
      // v1 events arrive upcast to v2 (without rating options).
      if (envelope.type !== TariffVersionPublishedV2.type) continue;
      const data = TariffVersionPublishedV2.schema.parse(envelope.data);
      await tx.query(
        `INSERT INTO rating_tariff_versions_v1 (operator_id, tariff_key, version, tariff_id, currency,
           valid_from, valid_to, tariff, published_at, event_id, stream_sequence, rating_options)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
        [
          envelope.operatorid,
          canonicalId(data.tariffId),
          data.version,
          data.tariffId,
          data.currency,
          data.validFrom,
          data.validTo,
          JSON.stringify(data.tariff),
          envelope.time,
          envelope.id,
          streamSequence,
          data.ratingOptions === undefined ? null : JSON.stringify(data.ratingOptions),
        ],
      );
    }
  }
}
