/**
 * Rating's projection of its own LoyaltyCreditApplied events into
 * `rating_loyalty_credit_uses_v1`: the credit each session took, with its stream sequence
 * (the member's `loyalty-credit` subject version the next use appends against). Keyed by
 * event id, one use per session: a rebuild reproduces it. A LoyaltyCreditUseCorrected
 * lowers its session's use and carries the subject's version forward.
 */
import type { QueryRunner } from 'typeorm';
import { LoyaltyCreditAppliedV1, LoyaltyCreditUseCorrectedV1 } from '@chargeledger/contracts';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';

export const RATING_LOYALTY_CREDITS_CONSUMER = 'rating-loyalty-credits';

export class LoyaltyCreditsProjection implements Projection {
  readonly consumer = RATING_LOYALTY_CREDITS_CONSUMER;
  readonly tables = [
    { name: 'rating_loyalty_credit_uses_v1', orderBy: 'operator_id, driver_id, event_id' },
  ];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    for (const { envelope, streamSequence } of events) {
      if (envelope.type === LoyaltyCreditUseCorrectedV1.type) {
        const { driverId, sessionId, amount } = LoyaltyCreditUseCorrectedV1.schema.parse(
          envelope.data,
        );
        await tx.query(
          `UPDATE rating_loyalty_credit_uses_v1 SET amount = $4, stream_sequence = $5
           WHERE operator_id = $1 AND driver_id = $2 AND session_id = $3`,
          [envelope.operatorid, driverId, sessionId, amount.amount, streamSequence],
        );
        continue;
      }
      if (envelope.type !== LoyaltyCreditAppliedV1.type) continue;
      const { driverId, sessionId, amount } = LoyaltyCreditAppliedV1.schema.parse(envelope.data);
      await tx.query(
        `INSERT INTO rating_loyalty_credit_uses_v1 (operator_id, driver_id, event_id, session_id, amount, currency, stream_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [
          envelope.operatorid,
          driverId,
          envelope.id,
          sessionId,
          amount.amount,
          amount.currency,
          streamSequence,
        ],
      );
    }
  }
}
