/**
 * Rating's projection of ingestion's session facts, one durable per partition
 * (`rating-sessions-pNN`, per-session order): every SessionStarted, SessionTokenPresented,
 * MeterValuesRecorded, ChargingStateChanged and SessionEnded becomes one row of `rating_session_facts_v1`
 * keyed by (session, event), with its data as validated at the boundary. Other session
 * events are skipped. Rows are only inserted, in one multi-row statement per batch, so a
 * rebuild (or any interleaving of partitions) gives the same table.
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import {
  ChargingStateChangedV1,
  MeterValuesRecordedV1,
  SessionEndedV1,
  SessionStartedV1,
  SessionTokenPresentedV1,
} from '@chargeledger/contracts';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';

export const RATING_SESSIONS_PURPOSE = 'sessions';

export type SessionFactKind = 'started' | 'token' | 'samples' | 'state' | 'ended';

const KIND_OF: Readonly<Record<string, SessionFactKind>> = {
  [SessionStartedV1.type]: 'started',
  [SessionTokenPresentedV1.type]: 'token',
  [MeterValuesRecordedV1.type]: 'samples',
  [ChargingStateChangedV1.type]: 'state',
  [SessionEndedV1.type]: 'ended',
};

/** Every session event names its session; the rest of its data was validated at the boundary. */
const sessionOf = z.object({ sessionId: z.uuid() });

export class SessionFactsProjection implements Projection {
  readonly tables = [{ name: 'rating_session_facts_v1', orderBy: 'session_id, event_id' }];

  /** `consumer`: the partition's durable, `rating-sessions-pNN`. */
  constructor(readonly consumer: string) {}

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    const rows = events.flatMap(({ envelope, streamSequence }) => {
      const kind = KIND_OF[envelope.type];
      if (kind === undefined) return [];
      const { sessionId } = sessionOf.parse(envelope.data);
      return [{ envelope, kind, sessionId, streamSequence }];
    });
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO rating_session_facts_v1 (session_id, event_id, operator_id, kind, data, stream_sequence)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::bigint[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.sessionId),
        rows.map((r) => r.envelope.id),
        rows.map((r) => r.envelope.operatorid),
        rows.map((r) => r.kind),
        rows.map((r) => JSON.stringify(r.envelope.data)),
        rows.map((r) => r.streamSequence),
      ],
    );
  }
}
