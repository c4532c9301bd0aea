/**
 * Durable pull consumer specs, every option explicit (no server defaults for delivery).
 * Names are `<app>-<purpose>[-pNN]`; a consumer that needs per-aggregate order runs one
 * durable per partition so replicas can own disjoint partition sets.
 */
import type { Context } from '../envelope/contexts';
import { allPartitions, partitionToken } from '../naming/partition';
import type { Namespace } from './namespace';
import { streamNameOf, type StreamName } from './streams';
import { Subjects } from './subjects';

export interface ConsumerSpec {
  /** Stream name without the namespace prefix. */
  readonly stream: StreamName;
  readonly durable: string;
  readonly filterSubject: string;
  readonly ackPolicy: 'explicit';
  readonly deliverPolicy: 'all';
  readonly replayPolicy: 'instant';
  readonly ackWaitMs: number;
  readonly maxDeliver: number;
  /** Server-side redelivery delays after an ack wait expires; empty = ackWaitMs each time. */
  readonly backoffMs: readonly number[];
  readonly maxAckPending: number;
  readonly maxWaiting: number;
  readonly maxRequestBatch: number;
  readonly maxRequestExpiresMs: number;
  /** Durables are never removed for inactivity. */
  readonly inactiveThresholdMs: 0;
  /** Partition this durable owns, when partitioned. */
  readonly partition?: number;
}

export const CONSUMER_DEFAULTS = {
  ackPolicy: 'explicit',
  deliverPolicy: 'all',
  replayPolicy: 'instant',
  ackWaitMs: 30_000,
  maxDeliver: 10,
  backoffMs: [],
  maxAckPending: 1_000,
  maxWaiting: 16,
  maxRequestBatch: 500,
  maxRequestExpiresMs: 30_000,
  inactiveThresholdMs: 0,
} as const;

export type App = Context;

type ConsumerSource =
  | { readonly kind: 'gateway'; readonly purpose: 'gateway' }
  | {
      /** Station commands on CMD_STATIONS, for the OCPP-J gateway to deliver. */
      readonly kind: 'commands';
      readonly purpose: string;
      /** Deliveries of one command: a station not connected here is retried until expiry. */
      readonly maxDeliver: number;
    }
  | {
      readonly kind: 'events';
      readonly purpose: string;
      readonly context: Context;
      readonly aggregate?: string;
      readonly partitioned?: boolean;
      /** 1 makes a durable shared by replicas deliver strictly in stream order. */
      readonly maxAckPending?: number;
      /** For handlers that wait, by nak delay, for another consumer to catch up. */
      readonly maxDeliver?: number;
    };

/** What each service reads, per DESIGN.md's services table. */
const SOURCES: Record<App, readonly ConsumerSource[]> = {
  // The registry projects its own events into the tables its API reads; evolve needs
  // per-aggregate order, and its replicas share one durable, so one message is in flight.
  registry: [
    { kind: 'events', purpose: 'state', context: 'registry', maxAckPending: 1 },
    // Points rating accrued for members' sessions, credited to their balances.
    { kind: 'events', purpose: 'loyalty-accruals', context: 'rating', aggregate: 'loyalty-points' },
  ],
  ingestion: [
    { kind: 'gateway', purpose: 'gateway' },
    { kind: 'events', purpose: 'registry', context: 'registry' },
    // Replicas share the durable: a command naked by one that lacks the charger's
    // connection may reach the one that has it. 180 deliveries at the worker's nak delay
    // cover commands meant to live minutes (a remote stop outlives no session by hours).
    { kind: 'commands', purpose: 'station-commands', maxDeliver: 180 },
  ],
  rating: [
    // Session facts, in per-session order: one durable per partition.
    {
      kind: 'events',
      purpose: 'sessions',
      context: 'ingestion',
      aggregate: 'session',
      partitioned: true,
    },
    // Rates ended sessions once their facts are projected and the registry and tariff
    // views caught up; sessions are independent, so replicas share the durable. 150
    // deliveries at the reactor's 2 s nak delay wait out ~5 minutes of views replaying
    // (a fresh deployment) before a session is dead-lettered.
    {
      kind: 'events',
      purpose: 'session-ratings',
      context: 'ingestion',
      aggregate: 'session',
      maxDeliver: 150,
    },
    { kind: 'events', purpose: 'registry', context: 'registry' },
    // Rating's own tariff versions, projected into the tables its API and rating read.
    { kind: 'events', purpose: 'tariffs', context: 'rating', aggregate: 'tariff' },
    // Rating's own session limits (policies and drivers' session limits), projected into
    // the histories the limit checks and holds read.
    { kind: 'events', purpose: 'session-limits', context: 'rating', aggregate: 'session-limits' },
    // Rating's own loyalty programme definitions, read by its API and by rating.
    {
      kind: 'events',
      purpose: 'loyalty-programmes',
      context: 'rating',
      aggregate: 'loyalty-programme',
    },
    // Rating's own uses of members' loyalty credit, read before the next one is taken.
    { kind: 'events', purpose: 'loyalty-credits', context: 'rating', aggregate: 'loyalty-credit' },
    { kind: 'events', purpose: 'disputes', context: 'invoicing', aggregate: 'dispute' },
  ],
  payments: [
    { kind: 'events', purpose: 'sessions', context: 'ingestion', aggregate: 'session' },
    { kind: 'events', purpose: 'ratings', context: 'rating' },
    { kind: 'events', purpose: 'invoicing', context: 'invoicing' },
    { kind: 'events', purpose: 'registry', context: 'registry' },
  ],
  invoicing: [
    { kind: 'events', purpose: 'ratings', context: 'rating' },
    { kind: 'events', purpose: 'payments', context: 'payments' },
    { kind: 'events', purpose: 'registry', context: 'registry' },
  ],
  analytics: [
    { kind: 'events', purpose: 'registry', context: 'registry' },
    { kind: 'events', purpose: 'ingestion', context: 'ingestion' },
    { kind: 'events', purpose: 'rating', context: 'rating' },
    { kind: 'events', purpose: 'payments', context: 'payments' },
    { kind: 'events', purpose: 'invoicing', context: 'invoicing' },
  ],
};

export function consumerSpecsOf(app: App, namespace: Namespace): ConsumerSpec[] {
  const subjects = new Subjects(namespace);
  const specs: ConsumerSpec[] = [];
  for (const source of SOURCES[app]) {
    if (source.kind === 'gateway') {
      const filterSubject = subjects.gatewayFilter();
      specs.push({
        ...CONSUMER_DEFAULTS,
        stream: 'RAW_GATEWAY',
        durable: `${app}-gateway`,
        filterSubject,
      });
      continue;
    }
    if (source.kind === 'commands') {
      specs.push({
        ...CONSUMER_DEFAULTS,
        stream: 'CMD_STATIONS',
        durable: `${app}-${source.purpose}`,
        filterSubject: subjects.commandFilter(),
        maxDeliver: source.maxDeliver,
      });
      continue;
    }
    const base = {
      ...CONSUMER_DEFAULTS,
      stream: streamNameOf(source.context),
      ...(source.maxAckPending === undefined ? {} : { maxAckPending: source.maxAckPending }),
      ...(source.maxDeliver === undefined ? {} : { maxDeliver: source.maxDeliver }),
    };
    const aggregate = source.aggregate === undefined ? {} : { aggregate: source.aggregate };
    if (source.partitioned !== true) {
      const filterSubject = subjects.eventFilter(source.context, aggregate);
      specs.push({ ...base, durable: `${app}-${source.purpose}`, filterSubject });
      continue;
    }
    for (const partition of allPartitions()) {
      const filterSubject = subjects.eventFilter(source.context, { ...aggregate, partition });
      specs.push({
        ...base,
        durable: `${app}-${source.purpose}-${partitionToken(partition)}`,
        filterSubject,
        partition,
      });
    }
  }
  return specs;
}
