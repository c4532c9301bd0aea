/**
 * A reactor turns one event into new events (or a command, which is an envelope on a
 * `cmd.` subject). What it returns is published, so its ids must be derived from the
 * cause: `derivedEnvelope` builds them with `derivedEventId(cause id, type, index)` and
 * copies tenant, correlation and trace from the cause, so a re-run builds the same
 * envelope and JetStream's `Nats-Msg-Id` dedupes the republish.
 */
import {
  createEnvelope,
  derivedEventId,
  type EventDefinition,
  type EventEnvelope,
} from '@chargeledger/contracts';
import type { ConsumedEvent } from './consumed-event';

export interface Reactor {
  /** The reaction to one event; an empty list when the event needs none. */
  react(event: ConsumedEvent): Promise<readonly EventEnvelope[]>;
}

export interface DerivedEventInput<TData> {
  /** Position among the events of this type derived from the same cause, from 0. */
  readonly index: number;
  readonly subject: string;
  readonly data: TData;
  /** Defaults to the cause's time: never the clock, so a re-run builds the same envelope. */
  readonly time?: string;
}

export function derivedEnvelope<TType extends string, TData>(
  definition: EventDefinition<TType, TData>,
  cause: EventEnvelope,
  input: DerivedEventInput<TData>,
): EventEnvelope<TType, TData> {
  return createEnvelope(definition, {
    id: derivedEventId(cause.id, definition.type, input.index),
    subject: input.subject,
    operatorId: cause.operatorid,
    time: input.time ?? cause.time,
    data: input.data,
    correlationId: cause.correlationid,
    causationId: cause.id,
    ...(cause.traceparent === undefined ? {} : { traceparent: cause.traceparent }),
  });
}

/**
 * Why a reaction's output is refused, or undefined when every envelope is caused by
 * `cause` and carries an id derived from it: a random id would defeat the dedupe.
 */
export function underivedOutput(
  cause: EventEnvelope,
  outputs: readonly EventEnvelope[],
): string | undefined {
  for (const output of outputs) {
    if (output.causationid !== cause.id)
      return `${output.type} ${output.id}: causationid must be ${cause.id}`;
    const derived = outputs.some(
      (_, index) => derivedEventId(cause.id, output.type, index) === output.id,
    );
    if (!derived)
      return `${output.type} ${output.id}: id must be derivedEventId(${cause.id}, type, index)`;
  }
  return undefined;
}
