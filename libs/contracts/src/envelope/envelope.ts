/**
 * The CloudEvents 1.0 JSON envelope every event travels in, with chargeledger's extension
 * attributes. The same envelope is the NATS message body; `id` is also the `Nats-Msg-Id`
 * header and `traceparent` is mirrored into the NATS headers.
 */
import { z } from 'zod';
import { CONTEXTS, type Context } from './contexts';

export const EVENT_TYPE_PATTERN = /^chargeledger\.([a-z]+)\.([A-Z][A-Za-z0-9]*)\.v([1-9][0-9]*)$/;
export const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function eventTypeName(context: Context, name: string, version: number): string {
  const type = `chargeledger.${context}.${name}.v${version}`;
  if (!EVENT_TYPE_PATTERN.test(type)) throw new RangeError(`invalid event type ${type}`);
  return type;
}

export function parseEventType(type: string): { context: Context; name: string; version: number } {
  const match = EVENT_TYPE_PATTERN.exec(type);
  const context = CONTEXTS.find((c) => c === match?.[1]);
  if (!match?.[2] || !match[3] || context === undefined) {
    throw new RangeError(`not a chargeledger event type: ${type}`);
  }
  return { context, name: match[2], version: Number(match[3]) };
}

export const envelopeSchema = z.strictObject({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string().min(1),
  type: z.string().regex(EVENT_TYPE_PATTERN),
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: false }),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  operatorid: z.string().min(1),
  correlationid: z.uuid(),
  causationid: z.uuid().optional(),
  traceparent: z.string().regex(TRACEPARENT_PATTERN).optional(),
});

/** An envelope whose data is not yet validated against its event type. */
export type RawEnvelope = z.infer<typeof envelopeSchema>;

/** An envelope whose `data` matched the schema of its `type`. */
export type EventEnvelope<TType extends string = string, TData = unknown> = Omit<
  RawEnvelope,
  'type' | 'data'
> & { type: TType; data: TData };
