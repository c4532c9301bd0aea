/**
 * Projects EVT_REGISTRY into the registry's own tables: each event is routed to its
 * aggregate, folded into the stored state with the domain's `evolve`, and stored with
 * its stream sequence as the aggregate's version; its id goes into `registry_events_v1`.
 * Deterministic (no clock, no serial ids), so a rebuild reproduces the tables.
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';
import { assertNever } from '@chargeledger/registry/domain';
import {
  ACCOUNTS,
  DRIVER_GROUPS,
  DRIVERS,
  LOYALTY_MEMBERSHIPS,
  OPERATORS,
  SITES,
  STATIONS,
  TOKENS,
  type AggregateSpec,
} from './registry-aggregates';
import { routeEvent } from './registry-event.route';

export const REGISTRY_STATE_CONSUMER = 'registry-state';

const stateRow = z.object({ state: z.unknown() });
const REGISTRY_AGGREGATES = [
  OPERATORS,
  SITES,
  STATIONS,
  ACCOUNTS,
  DRIVERS,
  TOKENS,
  DRIVER_GROUPS,
  LOYALTY_MEMBERSHIPS,
] as const;

export class RegistryStateProjection implements Projection {
  readonly consumer = REGISTRY_STATE_CONSUMER;
  readonly tables = [
    ...REGISTRY_AGGREGATES.map((spec) => ({
      name: spec.table,
      orderBy: 'operator_id, id',
    })),
    { name: 'registry_events_v1', orderBy: 'event_id' },
  ];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    for (const consumed of events) {
      const { envelope, streamSequence } = consumed;
      const routed = routeEvent(envelope);
      const at = { tx, operatorId: envelope.operatorid, id: routed.id, version: streamSequence };
      switch (routed.aggregate) {
        case 'operator':
          await fold(OPERATORS, at, routed.event);
          break;
        case 'site':
          await fold(SITES, at, routed.event);
          break;
        case 'station':
          await fold(STATIONS, at, routed.event);
          break;
        case 'account':
          await fold(ACCOUNTS, at, routed.event);
          break;
        case 'driver':
          await fold(DRIVERS, at, routed.event);
          break;
        case 'token':
          await fold(TOKENS, at, routed.event);
          break;
        case 'driver-group':
          await fold(DRIVER_GROUPS, at, routed.event);
          break;
        case 'loyalty-membership':
          await fold(LOYALTY_MEMBERSHIPS, at, routed.event);
          break;
        default:
          assertNever(routed);
      }
      await tx.query(
        `INSERT INTO registry_events_v1 (event_id, operator_id, subject, type, stream_sequence)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [envelope.id, envelope.operatorid, envelope.subject, envelope.type, streamSequence],
      );
    }
  }
}

interface FoldTarget {
  readonly tx: QueryRunner;
  readonly operatorId: string;
  readonly id: string;
  readonly version: number;
}

async function fold<S, E>(spec: AggregateSpec<S, E>, at: FoldTarget, event: E): Promise<void> {
  const rows = z
    .array(stateRow)
    .parse(
      await at.tx.query(
        `SELECT state FROM ${spec.table} WHERE operator_id = $1 AND id = $2 FOR UPDATE`,
        [at.operatorId, at.id],
      ),
    );
  const current = rows[0] === undefined ? spec.initialState : spec.schema.parse(rows[0].state);
  const next = spec.evolve(current, event);
  await at.tx.query(
    `INSERT INTO ${spec.table} (operator_id, id, state, version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (operator_id, id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version`,
    [at.operatorId, at.id, JSON.stringify(next), at.version],
  );
}
