/**
 * Reads the current tenant's loyalty programme from `rating_loyalty_programmes_v1`: the
 * latest definition with the stream sequence a new one appends against, the definition an
 * applied event recorded (idempotent retries), and whether an event is applied yet (what
 * a command waits for to read its own write).
 */
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { loyaltyTierTerms, money } from '@chargeledger/contracts';
import type { LoadedAggregate } from '@chargeledger/platform/eventstore';
import { TenantScopedRepository } from '@chargeledger/platform/persistence';
import { DatabaseResource } from '@chargeledger/platform/service';
import type { LoyaltyProgrammeFact } from '@chargeledger/rating/domain';
import { RATING_LOYALTY_PROGRAMMES_CONSUMER } from './loyalty-programmes.projection';

const programmeRow = z.object({
  tiers: z.array(loyaltyTierTerms),
  point_value: money.nullable(),
  defined_at: z.string(),
  stream_sequence: z.coerce.number(),
});

function factOf(row: z.infer<typeof programmeRow>): LoyaltyProgrammeFact {
  return {
    tiers: row.tiers,
    ...(row.point_value === null ? {} : { pointValue: row.point_value }),
    effectiveFrom: row.defined_at,
    sequence: row.stream_sequence,
  };
}

/** Undefined state: the operator never defined one. */
export type StoredProgramme = LoadedAggregate<LoyaltyProgrammeFact | undefined>;

@Injectable()
export class LoyaltyProgrammeStore extends TenantScopedRepository {
  constructor(database: DatabaseResource) {
    super(database.dataSource.manager);
  }

  async load(): Promise<StoredProgramme> {
    const [row] = await this.queryForTenant(
      programmeRow,
      `SELECT tiers, point_value, defined_at, stream_sequence FROM rating_loyalty_programmes_v1
       WHERE operator_id = $1 ORDER BY stream_sequence DESC LIMIT 1`,
    );
    if (row === undefined) return { state: undefined, version: 0 };
    return { state: factOf(row), version: row.stream_sequence };
  }

  /** The definition an applied event recorded; undefined when not applied (yet). */
  async definitionOf(eventId: string): Promise<LoyaltyProgrammeFact | undefined> {
    const [row] = await this.queryForTenant(
      programmeRow,
      `SELECT tiers, point_value, defined_at, stream_sequence FROM rating_loyalty_programmes_v1
       WHERE operator_id = $1 AND event_id = $2`,
      [eventId],
    );
    return row === undefined ? undefined : factOf(row);
  }

  async isApplied(eventId: string): Promise<boolean> {
    const rows = await this.queryForTenant(
      z.object({ applied: z.literal(1) }),
      `SELECT 1 AS applied FROM processed_events
       WHERE operator_id = $1 AND consumer = $2 AND event_id = $3`,
      [RATING_LOYALTY_PROGRAMMES_CONSUMER, eventId],
    );
    return rows.length > 0;
  }
}
