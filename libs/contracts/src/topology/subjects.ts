/**
 * Subject builders. The layout is `evt.<context>.<operator>.<aggregate>.<pNN>.<id>`: the
 * operator token lets permissions and consumers filter by tenant, `<pNN>` lets ordered
 * consumers split by partition, and the full subject is the aggregate's optimistic
 * concurrency key. Every id is encoded with `encodeToken` first.
 */
import type { Context } from '../envelope/contexts';
import { partitionOf, partitionToken } from '../naming/partition';
import { encodeToken } from '../naming/token';
import type { Namespace } from './namespace';

const WORD = /^[a-z][a-z0-9-]{0,63}$/;

export interface AggregateAddress {
  readonly context: Context;
  readonly operatorId: string;
  readonly aggregate: string;
  readonly id: string;
}

export interface EventFilter {
  readonly operatorId?: string;
  readonly aggregate?: string;
  readonly partition?: number;
}

function word(value: string, what: string): string {
  if (!WORD.test(value)) throw new RangeError(`${what} must match ${String(WORD)}: ${value}`);
  return value;
}

export class Subjects {
  constructor(private readonly namespace: Namespace) {}

  event(address: AggregateAddress): string {
    const { context, operatorId, aggregate, id } = address;
    return [
      `${this.namespace.subjectPrefix}evt`,
      context,
      encodeToken(operatorId),
      word(aggregate, 'aggregate'),
      partitionToken(partitionOf(id)),
      encodeToken(id),
    ].join('.');
  }

  /** All events of a context, optionally narrowed to one tenant, aggregate or partition. */
  eventFilter(context: Context, filter: EventFilter = {}): string {
    const operator = filter.operatorId === undefined ? '*' : encodeToken(filter.operatorId);
    const aggregate = filter.aggregate === undefined ? '*' : word(filter.aggregate, 'aggregate');
    const partition = filter.partition === undefined ? '*' : partitionToken(filter.partition);
    return `${this.namespace.subjectPrefix}evt.${context}.${operator}.${aggregate}.${partition}.>`;
  }

  contextWildcard(context: Context): string {
    return `${this.namespace.subjectPrefix}evt.${context}.>`;
  }

  /** What a gateway publishes for a station, exactly as received. */
  gateway(operatorId: string, stationId: string, kind: string): string {
    return `${this.gatewayPrefix(operatorId, stationId)}.${word(kind, 'kind')}`;
  }

  gatewayFilter(operatorId?: string, stationId?: string): string {
    if (operatorId === undefined) return `${this.namespace.subjectPrefix}gw.>`;
    if (stationId === undefined)
      return `${this.namespace.subjectPrefix}gw.${encodeToken(operatorId)}.>`;
    return `${this.gatewayPrefix(operatorId, stationId)}.>`;
  }

  command(operatorId: string, stationId: string): string {
    return `${this.namespace.subjectPrefix}cmd.${encodeToken(operatorId)}.${encodeToken(stationId)}`;
  }

  commandFilter(): string {
    return `${this.namespace.subjectPrefix}cmd.>`;
  }

  /**
   * Core NATS (no stream): rating's live costs and final rating of one session, for
   * viewers following it; lost when nobody listens, the stream stays the record.
   */
  live(operatorId: string, sessionId: string): string {
    return `${this.namespace.subjectPrefix}live.${encodeToken(operatorId)}.${encodeToken(sessionId)}`;
  }

  /** Every session's live subject, for a follower of all of them (chargers' displays). */
  liveFilter(): string {
    return `${this.namespace.subjectPrefix}live.>`;
  }

  deadLetter(consumer: string): string {
    return `${this.namespace.subjectPrefix}dlq.${word(consumer, 'consumer')}`;
  }

  deadLetterFilter(): string {
    return `${this.namespace.subjectPrefix}dlq.>`;
  }

  private gatewayPrefix(operatorId: string, stationId: string): string {
    return `${this.namespace.subjectPrefix}gw.${encodeToken(operatorId)}.${encodeToken(stationId)}`;
  }
}
