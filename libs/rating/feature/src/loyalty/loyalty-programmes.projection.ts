/**
 * Rating's projection of its own loyalty programme definitions into
 * `rating_loyalty_programmes_v1`: one row per definition with the envelope time it was
 * recorded at (the definition in effect at a session's start applies) and its stream
 * sequence (what a new definition appends against). Keyed by event id, so a rebuild
 * reproduces it.
 */
import type { QueryRunner } from 'typeorm';
import { LoyaltyProgrammeDefinedV1 } from '@chargeledger/contracts';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';

export const RATING_LOYALTY_PROGRAMMES_CONSUMER = 'rating-loyalty-programmes';

export class LoyaltyProgrammesProjection implements Projection {
  readonly consumer = RATING_LOYALTY_PROGRAMMES_CONSUMER;
  readonly tables = [{ name: 'rating_loyalty_programmes_v1', orderBy: 'operator_id, event_id' }];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    for (const { envelope, streamSequence } of events) {
      if (envelope.type !== LoyaltyProgrammeDefinedV1.type) continue;
      const { tiers, pointValue } = LoyaltyProgrammeDefinedV1.schema.parse(envelope.data);
      await tx.query(
        `INSERT INTO rating_loyalty_programmes_v1 (operator_id, event_id, tiers, point_value, defined_at, stream_sequence)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [
          envelope.operatorid,
          envelope.id,
          JSON.stringify(tiers),
          pointValue === undefined ? null : JSON.stringify(pointValue),
          envelope.time,
          streamSequence,
        ],
      );
    }
  }
}
