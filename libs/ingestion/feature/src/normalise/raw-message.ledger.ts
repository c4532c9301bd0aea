/**
 * The raw-message ledger: which RAW_GATEWAY messages were handled (the lasting dedupe,
 * beyond JetStream's duplicate window) and which were refused, for operators to list.
 * Both are written in the batch's transaction, one statement each.
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import type { RawDecision, RawInput } from '@chargeledger/ingestion/domain';

const claimedRow = z.object({ raw_message_id: z.string() });

/** Records the messages as handled; returns those not handled before, first copy only. */
export async function claimRawMessages(
  tx: QueryRunner,
  inputs: readonly RawInput[],
): Promise<RawInput[]> {
  if (inputs.length === 0) return [];
  const rows = z.array(claimedRow).parse(
    await tx.query(
      `INSERT INTO ingestion_raw_messages_v1 (raw_message_id, operator_id, stream_sequence)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])
       ON CONFLICT DO NOTHING RETURNING raw_message_id`,
      [
        inputs.map((i) => i.rawMessageId),
        inputs.map((i) => i.operatorId),
        inputs.map((i) => i.streamSequence),
      ],
    ),
  );
  const claimed = new Set(rows.map((row) => row.raw_message_id));
  return inputs.filter((input) => claimed.delete(input.rawMessageId));
}

export async function saveRejections(
  tx: QueryRunner,
  decisions: readonly RawDecision[],
): Promise<void> {
  const rows = decisions.flatMap(({ raw, events }) =>
    events.flatMap((event) =>
      event.type === 'RawEventRejected' ? [{ operatorId: raw.operatorId, ...event.data }] : [],
    ),
  );
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO ingestion_rejections_v1
       (raw_event_id, operator_id, station_id, session_id, reason_code, detail, received_at, raw_stream_sequence)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::bigint[])
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.rawEventId),
      rows.map((r) => r.operatorId),
      rows.map((r) => r.stationId),
      rows.map((r) => r.sessionId ?? null),
      rows.map((r) => r.reasonCode),
      rows.map((r) => r.detail),
      rows.map((r) => r.receivedAt),
      rows.map((r) => r.rawStreamSequence),
    ],
  );
}
