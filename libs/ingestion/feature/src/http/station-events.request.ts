/**
 * The body of `POST /v1/operators/{operatorId}/stations/{stationId}/events`: one station
 * message or a batch of them, each with the sender's own message id (its dedupe key: a
 * retry with the same id is stored once) and its kind; the payload is stored as received
 * and judged by the normaliser like any gateway message.
 */
import { z } from 'zod';
import { GATEWAY_MESSAGE_KINDS, registryExternalId } from '@chargeledger/contracts';
import { operatorParams } from '@chargeledger/platform/http';

export const STATION_EVENTS_BATCH_MAX = 500;

export const stationEvent = z.strictObject({
  messageId: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 visible ASCII characters'),
  kind: z.enum(GATEWAY_MESSAGE_KINDS).default('transaction-event'),
  payload: z.record(z.string(), z.unknown()),
});
export type StationEvent = z.infer<typeof stationEvent>;

export const stationEventsBatch = z.strictObject({
  events: z.array(stationEvent).min(1).max(STATION_EVENTS_BATCH_MAX),
});

/** For the OpenAPI document; requests are validated against the one the body has the shape of. */
export const stationEventsBody = z.union([stationEvent, stationEventsBatch]);

/** A body with `events` is a batch: validating it as one names the fields that are wrong. */
export function isBatch(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'events' in body;
}

export const stationParams = operatorParams.extend({ stationId: registryExternalId });

export const stationEventResult = z.object({
  messageId: z.string(),
  /** The id operators find the message's outcome under (its rejection, if any). */
  rawEventId: z.uuid(),
  streamSequence: z.int(),
  /** `duplicate`: this message id was stored before; nothing new was stored. */
  stored: z.enum(['stored', 'duplicate']),
  /** Whether the payload reads as its kind; an unreadable one is refused with this code. */
  verdict: z.enum(['accepted', 'rejected']),
  reasonCode: z.string().optional(),
  detail: z.string().optional(),
});
export type StationEventResult = z.infer<typeof stationEventResult>;

export const stationEventsResponse = z.object({ results: z.array(stationEventResult) });
