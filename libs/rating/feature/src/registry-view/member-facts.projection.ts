/**
 * The part of rating's registry view that member prices and loyalty read: each driver's
 * group membership changes, each group tariff assignment, each member's loyalty tier (as
 * joined, then changed) and their redemptions for bill credit, all as histories with the envelope time they were recorded
 * at and their stream sequence. Insert-only, keyed by event ids: order-insensitive, so a
 * rebuild reproduces the tables. Any other event is skipped.
 */
import type { QueryRunner } from 'typeorm';
import {
  DriverAddedToGroupV1,
  DriverGroupTariffAssignedV2,
  DriverRemovedFromGroupV1,
  LoyaltyMembershipJoinedV1,
  LoyaltyPointsRedeemedForCreditV1,
  LoyaltyTierChangedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';

export const MEMBER_FACT_TABLES = [
  { name: 'rating_group_memberships_v1', orderBy: 'operator_id, driver_id, event_id' },
  { name: 'rating_group_tariffs_v1', orderBy: 'operator_id, event_id' },
  { name: 'rating_loyalty_tiers_v1', orderBy: 'operator_id, driver_id, event_id' },
  { name: 'rating_loyalty_credit_grants_v1', orderBy: 'operator_id, driver_id, event_id' },
];

type Row = readonly [table: string, columns: Record<string, unknown>];

function rowOf(envelope: EventEnvelope, streamSequence: number): Row | undefined {
  const recorded = { event_id: envelope.id, stream_sequence: streamSequence };
  const { type, data } = envelope;
  switch (type) {
    case DriverAddedToGroupV1.type:
    case DriverRemovedFromGroupV1.type: {
      const { groupId, driverId } = DriverAddedToGroupV1.schema.parse(data);
      const member = type === DriverAddedToGroupV1.type;
      const columns = { driver_id: driverId, group_id: groupId, member, changed_at: envelope.time };
      return ['rating_group_memberships_v1', { ...columns, ...recorded }];
    }
    case DriverGroupTariffAssignedV2.type: {
      const { groupId, tariffId, stationId, siteId } =
        DriverGroupTariffAssignedV2.schema.parse(data);
      const columns = {
        group_id: groupId,
        tariff_id: tariffId,
        station_id: stationId,
        site_id: siteId,
      };
      return ['rating_group_tariffs_v1', { ...columns, assigned_at: envelope.time, ...recorded }];
    }
    case LoyaltyMembershipJoinedV1.type: {
      const { driverId, tier } = LoyaltyMembershipJoinedV1.schema.parse(data);
      const columns = { driver_id: driverId, tier, changed_at: envelope.time };
      return ['rating_loyalty_tiers_v1', { ...columns, ...recorded }];
    }
    case LoyaltyTierChangedV1.type: {
      const { driverId, toTier } = LoyaltyTierChangedV1.schema.parse(data);
      const columns = { driver_id: driverId, tier: toTier, changed_at: envelope.time };
      return ['rating_loyalty_tiers_v1', { ...columns, ...recorded }];
    }
    case LoyaltyPointsRedeemedForCreditV1.type: {
      const { driverId, points } = LoyaltyPointsRedeemedForCreditV1.schema.parse(data);
      const columns = { driver_id: driverId, points, redeemed_at: envelope.time };
      return ['rating_loyalty_credit_grants_v1', { ...columns, ...recorded }];
    }
    default:
      return undefined;
  }
}

export async function applyMemberFact(
  envelope: EventEnvelope,
  streamSequence: number,
  tx: QueryRunner,
): Promise<void> {
  const row = rowOf(envelope, streamSequence);
  if (row === undefined) return;
  const [table, columns] = row;
  const names = ['operator_id', ...Object.keys(columns)];
  const values = [envelope.operatorid, ...Object.values(columns)];
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')})
     VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT DO NOTHING`,
    values,
  );
}
