/**
 * Rating's projection of EVT_REGISTRY: stations with their time zone, the holder (account,
 * driver) of every token, every tariff assignment of a station or one of its EVSEs and every rounding mode
 * of an operator, the last two kept as
 * histories with the envelope time they were recorded at, so "in effect at the session's
 * start" is decidable from the log; and what member prices and loyalty read
 * (member-facts.projection.ts). Inserts keyed by natural ids and event ids only:
 * order-insensitive, so a rebuild reproduces the tables. Other registry events are skipped.
 */
import type { QueryRunner } from 'typeorm';
import {
  canonicalId,
  OperatorCreatedV1,
  OperatorSettingsChangedV1,
  StationRegisteredV1,
  StationTariffAssignedV1,
  EvseTariffAssignedV1,
  TokenIssuedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';
import { applyMemberFact, MEMBER_FACT_TABLES } from './member-facts.projection';

export const RATING_REGISTRY_CONSUMER = 'rating-registry';

export class RatingRegistryProjection implements Projection {
  readonly consumer = RATING_REGISTRY_CONSUMER;
  readonly tables = [
    { name: 'rating_stations_v1', orderBy: 'operator_id, station_key' },
    { name: 'rating_tariff_assignments_v1', orderBy: 'operator_id, station_key, event_id' },
    { name: 'rating_rounding_settings_v1', orderBy: 'operator_id, event_id' },
    { name: 'rating_token_holders_v1', orderBy: 'operator_id, token_id' },
    ...MEMBER_FACT_TABLES,
  ];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    for (const { envelope, streamSequence } of events)
      await applyRegistryEvent(envelope, streamSequence, tx);
  }
}

async function recordRoundingMode(
  envelope: EventEnvelope,
  roundingMode: string,
  streamSequence: number,
  tx: QueryRunner,
): Promise<void> {
  await tx.query(
    `INSERT INTO rating_rounding_settings_v1 (operator_id, event_id, rounding_mode, changed_at, stream_sequence)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [envelope.operatorid, envelope.id, roundingMode, envelope.time, streamSequence],
  );
}

async function recordAssignment(
  envelope: EventEnvelope,
  streamSequence: number,
  tx: QueryRunner,
  assignment: { stationId: string; tariffId: string; evseId: number | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO rating_tariff_assignments_v1 (operator_id, station_key, event_id, tariff_id, evse_id, assigned_at, stream_sequence)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [
      envelope.operatorid,
      canonicalId(assignment.stationId),
      envelope.id,
      assignment.tariffId,
      assignment.evseId,
      envelope.time,
      streamSequence,
    ],
  );
}

async function applyRegistryEvent(
  envelope: EventEnvelope,
  streamSequence: number,
  tx: QueryRunner,
): Promise<void> {
  const { type, data, operatorid: operatorId } = envelope;
  switch (type) {
    case StationRegisteredV1.type: {
      const { stationId, timeZone, siteId } = StationRegisteredV1.schema.parse(data);
      await tx.query(
        `INSERT INTO rating_stations_v1 (operator_id, station_key, station_id, time_zone, site_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [operatorId, canonicalId(stationId), stationId, timeZone, siteId],
      );
      return;
    }
    case StationTariffAssignedV1.type: {
      const { stationId, tariffId } = StationTariffAssignedV1.schema.parse(data);
      return recordAssignment(envelope, streamSequence, tx, { stationId, tariffId, evseId: null });
    }
    case EvseTariffAssignedV1.type:
      return recordAssignment(
        envelope,
        streamSequence,
        tx,
        EvseTariffAssignedV1.schema.parse(data),
      );
    case TokenIssuedV1.type: {
      const { tokenId, accountId, driverId } = TokenIssuedV1.schema.parse(data);
      await tx.query(
        `INSERT INTO rating_token_holders_v1 (operator_id, token_id, account_id, driver_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [operatorId, tokenId, accountId, driverId],
      );
      return;
    }
    case OperatorCreatedV1.type: {
      const { settings } = OperatorCreatedV1.schema.parse(data);
      return recordRoundingMode(envelope, settings.roundingMode, streamSequence, tx);
    }
    case OperatorSettingsChangedV1.type: {
      const { settings } = OperatorSettingsChangedV1.schema.parse(data);
      return recordRoundingMode(envelope, settings.roundingMode, streamSequence, tx);
    }
    default:
      await applyMemberFact(envelope, streamSequence, tx);
      return;
  }
}
