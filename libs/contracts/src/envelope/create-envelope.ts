/**
 * Builds the envelope of a new event. Pure: the caller supplies the id (derived or minted
 * once), the time and the trace context, so a retried handler builds the same envelope.
 */
import type { EventDefinition } from '../events/event-definition';
import type { EventEnvelope } from './envelope';

export interface EnvelopeInput<TData> {
  readonly id: string;
  readonly subject: string;
  readonly operatorId: string;
  readonly time: string;
  readonly data: TData;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly traceparent?: string;
}

export function createEnvelope<TType extends string, TData>(
  definition: EventDefinition<TType, TData>,
  input: EnvelopeInput<TData>,
): EventEnvelope<TType, TData> {
  return {
    specversion: '1.0',
    id: input.id,
    source: `chargeledger/${definition.context}`,
    type: definition.type,
    subject: input.subject,
    time: input.time,
    datacontenttype: 'application/json',
    data: definition.schema.parse(input.data),
    operatorid: input.operatorId,
    correlationid: input.correlationId,
    ...(input.causationId === undefined ? {} : { causationid: input.causationId }),
    ...(input.traceparent === undefined ? {} : { traceparent: input.traceparent }),
  };
}
