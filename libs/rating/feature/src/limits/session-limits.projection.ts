/**
 * Rating's projection of its own session-limits events (`rating-session-limits`) into
 * `rating_session_limits_v1`: one row per setting, with the envelope time it was
 * recorded at and its stream sequence (the aggregate's version is the highest of its
 * rows). Rows are only inserted, keyed by natural ids, so a rebuild reproduces them.
 */
import type { QueryRunner } from 'typeorm';
import { canonicalId, SessionLimitsSetV1 } from '@chargeledger/contracts';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';

export const RATING_SESSION_LIMITS_CONSUMER = 'rating-session-limits';

export class SessionLimitsProjection implements Projection {
  readonly consumer = RATING_SESSION_LIMITS_CONSUMER;
  readonly tables = [
    {
      name: 'rating_session_limits_v1',
      orderBy: 'operator_id, scope, scope_key, stream_sequence',
    },
  ];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    for (const { envelope, streamSequence } of events) {
      if (envelope.type !== SessionLimitsSetV1.type) continue;
      const { scope, scopeId, limits } = SessionLimitsSetV1.schema.parse(envelope.data);
      await tx.query(
        `INSERT INTO rating_session_limits_v1 (operator_id, scope, scope_key, scope_id, limits,
           set_at, event_id, stream_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [
          envelope.operatorid,
          scope,
          canonicalId(scopeId),
          scopeId,
          JSON.stringify(limits),
          envelope.time,
          envelope.id,
          streamSequence,
        ],
      );
    }
  }
}
