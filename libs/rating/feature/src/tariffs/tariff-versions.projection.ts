/**
 * Rating's projection of its own tariff events into `rating_tariff_versions_v1`: one row
 * per published version with its stream sequence (the tariff's optimistic-concurrency
 * version is the highest of its rows). Keyed by natural ids, so a rebuild reproduces it
 * and any interleaving gives the same rows.
 */
import type { QueryRunner } from 'typeorm';
import { canonicalId, TariffVersionPublishedV1 } from '@chargeledger/contracts';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';

export const RATING_TARIFFS_CONSUMER = 'rating-tariffs';

export class TariffVersionsProjection implements Projection {
  readonly consumer = RATING_TARIFFS_CONSUMER;
  readonly tables = [
    { name: 'rating_tariff_versions_v1', orderBy: 'operator_id, tariff_key, version' },
  ];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    for (const { envelope, streamSequence } of events) {
      if (envelope.type !== TariffVersionPublishedV1.type) continue;
      const data = TariffVersionPublishedV1.schema.parse(envelope.data);
      await tx.query(
        `INSERT INTO rating_tariff_versions_v1 (operator_id, tariff_key, version, tariff_id, currency,
           valid_from, valid_to, tariff, published_at, event_id, stream_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
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
        ],
      );
    }
  }
}
