/**
 * Reads the current tenant's session limits from `rating_session_limits_v1`: one scope's
 * settings folded with the domain's evolve plus the stream sequence a command appends
 * against, the scope an applied event belongs to (idempotent retries), and whether an
 * event is applied yet (what a command waits for to read its own write).
 */
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { canonicalId, sessionLimitValues, type LimitScope } from '@chargeledger/contracts';
import type { LoadedAggregate } from '@chargeledger/platform/eventstore';
import { TenantScopedRepository } from '@chargeledger/platform/persistence';
import { DatabaseResource } from '@chargeledger/platform/service';
import {
  evolveSessionLimits,
  sessionLimitsInitialState,
  type SessionLimitsState,
} from '@chargeledger/rating/domain';
import { RATING_SESSION_LIMITS_CONSUMER } from './session-limits.projection';

const settingRow = z.object({
  scope_id: z.string(),
  limits: sessionLimitValues,
  set_at: z.string(),
  stream_sequence: z.coerce.number(),
});

export interface StoredSessionLimits extends LoadedAggregate<SessionLimitsState> {
  /** When the current setting was recorded; undefined before the first. */
  readonly setAt: string | undefined;
}

/** How a scope is addressed in the aggregate's subject and the table. */
export function limitsAggregateId(scope: LimitScope, scopeId: string): string {
  return `${scope}:${canonicalId(scopeId)}`;
}

@Injectable()
export class SessionLimitsStore extends TenantScopedRepository {
  constructor(database: DatabaseResource) {
    super(database.dataSource.manager);
  }

  async load(scope: LimitScope, scopeId: string): Promise<StoredSessionLimits> {
    const rows = await this.queryForTenant(
      settingRow,
      `SELECT scope_id, limits, set_at, stream_sequence FROM rating_session_limits_v1
       WHERE operator_id = $1 AND scope = $2 AND scope_key = $3 ORDER BY stream_sequence`,
      [scope, canonicalId(scopeId)],
    );
    return {
      state: rows.reduce<SessionLimitsState>(
        (state, row) =>
          evolveSessionLimits(state, {
            type: 'SessionLimitsSet',
            data: { scope, scopeId: row.scope_id, limits: row.limits },
          }),
        sessionLimitsInitialState,
      ),
      version: Math.max(0, ...rows.map((row) => row.stream_sequence)),
      setAt: rows.at(-1)?.set_at,
    };
  }

  /** The aggregate id of an applied event of this tenant, or undefined when not applied (yet). */
  async aggregateOfEvent(eventId: string): Promise<string | undefined> {
    const [row] = await this.queryForTenant(
      z.object({ scope: z.string(), scope_key: z.string() }),
      'SELECT scope, scope_key FROM rating_session_limits_v1 WHERE operator_id = $1 AND event_id = $2',
      [eventId],
    );
    return row === undefined ? undefined : `${row.scope}:${row.scope_key}`;
  }

  async isApplied(eventId: string): Promise<boolean> {
    const rows = await this.queryForTenant(
      z.object({ applied: z.literal(1) }),
      `SELECT 1 AS applied FROM processed_events
       WHERE operator_id = $1 AND consumer = $2 AND event_id = $3`,
      [RATING_SESSION_LIMITS_CONSUMER, eventId],
    );
    return rows.length > 0;
  }
}
