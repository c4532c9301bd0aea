/**
 * Reads what rating knows of a session's driver for member prices and loyalty: the
 * driver's group membership changes, loyalty tier changes and redemptions for credit, the
 * operator's group tariff assignments and loyalty programme definitions, each with the time and stream
 * sequence it was recorded at. Every query names its operator; rows are validated.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { loyaltyTier, loyaltyTierTerms, money } from '@chargeledger/contracts';
import type { MemberFacts } from '@chargeledger/rating/domain';

const recorded = { at: z.string(), stream_sequence: z.coerce.number() };
const effective = (row: { at: string; stream_sequence: number }) => ({
  effectiveFrom: row.at,
  sequence: row.stream_sequence,
});

export async function memberFactsOf(
  dataSource: DataSource,
  operatorId: string,
  driverId: string,
): Promise<MemberFacts> {
  const rows = async <S extends z.ZodRawShape>(shape: S, sql: string, params: unknown[]) =>
    z.array(z.object({ ...shape, ...recorded })).parse(await dataSource.query(sql, params));
  const [groupChanges, groupTariffs, tierChanges, programmes, creditGrants] = await Promise.all([
    rows(
      { group_id: z.string(), member: z.boolean() },
      `SELECT group_id, member, changed_at AS at, stream_sequence FROM rating_group_memberships_v1
       WHERE operator_id = $1 AND driver_id = $2`,
      [operatorId, driverId],
    ),
    rows(
      {
        group_id: z.string(),
        tariff_id: z.string(),
        station_id: z.string().nullable(),
        site_id: z.string().nullable(),
      },
      `SELECT group_id, tariff_id, station_id, site_id, assigned_at AS at, stream_sequence
       FROM rating_group_tariffs_v1 WHERE operator_id = $1`,
      [operatorId],
    ),
    rows(
      { tier: loyaltyTier },
      `SELECT tier, changed_at AS at, stream_sequence FROM rating_loyalty_tiers_v1
       WHERE operator_id = $1 AND driver_id = $2`,
      [operatorId, driverId],
    ),
    rows(
      { tiers: z.array(loyaltyTierTerms), point_value: money.nullable() },
      `SELECT tiers, point_value, defined_at AS at, stream_sequence FROM rating_loyalty_programmes_v1
       WHERE operator_id = $1`,
      [operatorId],
    ),
    rows(
      { points: z.int() },
      `SELECT points, redeemed_at AS at, stream_sequence FROM rating_loyalty_credit_grants_v1
       WHERE operator_id = $1 AND driver_id = $2`,
      [operatorId, driverId],
    ),
  ]);
  return {
    driverId,
    groupChanges: groupChanges.map((r) => ({
      groupId: r.group_id,
      member: r.member,
      ...effective(r),
    })),
    groupTariffs: groupTariffs.map((r) => ({
      groupId: r.group_id,
      tariffId: r.tariff_id,
      stationId: r.station_id,
      siteId: r.site_id,
      ...effective(r),
    })),
    tierChanges: tierChanges.map((r) => ({ tier: r.tier, ...effective(r) })),
    programmes: programmes.map((r) => ({
      tiers: r.tiers,
      ...(r.point_value === null ? {} : { pointValue: r.point_value }),
      ...effective(r),
    })),
    creditGrants: creditGrants.map((r) => ({ points: r.points, ...effective(r) })),
  };
}
