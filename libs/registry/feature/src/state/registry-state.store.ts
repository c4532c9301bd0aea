/**
 * Reads the registry's projected state for the current tenant: one aggregate with the
 * version a command appends against, a page of aggregates in id order, and whether an
 * event has been applied yet (what a command waits for to read its own write).
 */
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { LoadedAggregate } from '@chargeledger/platform/eventstore';
import { TenantScopedRepository } from '@chargeledger/platform/persistence';
import { DatabaseResource } from '@chargeledger/platform/service';
import type { AggregateSpec } from './registry-aggregates';
import { REGISTRY_STATE_CONSUMER } from './registry-state.projection';

const stateRow = z.object({ id: z.string(), state: z.unknown(), version: z.coerce.number() });

export interface StoredAggregate<S> {
  readonly id: string;
  readonly state: S;
}

@Injectable()
export class RegistryStateStore extends TenantScopedRepository {
  constructor(database: DatabaseResource) {
    super(database.dataSource.manager);
  }

  async load<S, E>(spec: AggregateSpec<S, E>, id: string): Promise<LoadedAggregate<S>> {
    const [row] = await this.queryForTenant(
      stateRow,
      `SELECT id, state, version FROM ${spec.table} WHERE operator_id = $1 AND id = $2`,
      [id],
    );
    if (row === undefined) return { state: spec.initialState, version: 0 };
    return { state: spec.schema.parse(row.state), version: row.version };
  }

  /** Up to `limit` aggregates with ids after `afterId`, in id order. */
  async page<S, E>(
    spec: AggregateSpec<S, E>,
    limit: number,
    afterId: string | undefined,
  ): Promise<StoredAggregate<S>[]> {
    const rows = await this.queryForTenant(
      stateRow,
      `SELECT id, state, version FROM ${spec.table}
       WHERE operator_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
      [afterId ?? null, limit],
    );
    return rows.map((row) => ({ id: row.id, state: spec.schema.parse(row.state) }));
  }

  /** The subject of an applied event of this tenant, or undefined when not applied (yet). */
  async appliedEventSubject(eventId: string): Promise<string | undefined> {
    const [row] = await this.queryForTenant(
      z.object({ subject: z.string() }),
      'SELECT subject FROM registry_events_v1 WHERE operator_id = $1 AND event_id = $2',
      [eventId],
    );
    return row?.subject;
  }

  async isApplied(eventId: string): Promise<boolean> {
    const rows = await this.queryForTenant(
      z.object({ applied: z.literal(1) }),
      `SELECT 1 AS applied FROM processed_events
       WHERE operator_id = $1 AND consumer = $2 AND event_id = $3`,
      [REGISTRY_STATE_CONSUMER, eventId],
    );
    return rows.length > 0;
  }
}
