/**
 * Publishes envelopes to JetStream. The event id is the `Nats-Msg-Id`, so a retry inside
 * the duplicate window is deduped by the server; the trace context rides in the headers
 * as well as in the envelope; an aggregate append states the subject sequence it expects.
 */
import { headers, type JetStreamClient, type PubAck } from 'nats';
import type { EventEnvelope } from '@chargeledger/contracts';
import { injectTraceContext } from '@chargeledger/shared/observability';
import { natsHeaderSetter } from './trace-headers';

export interface PublishOptions {
  readonly expectedLastSubjectSequence?: number;
  readonly timeoutMs: number;
}

export async function publishEnvelope(
  js: JetStreamClient,
  envelope: EventEnvelope,
  options: PublishOptions,
): Promise<PubAck> {
  const messageHeaders = headers();
  injectTraceContext(messageHeaders, natsHeaderSetter);
  messageHeaders.set('Content-Type', 'application/cloudevents+json');
  const expect =
    options.expectedLastSubjectSequence === undefined
      ? {}
      : { lastSubjectSequence: options.expectedLastSubjectSequence };
  return js.publish(envelope.subject, JSON.stringify(envelope), {
    msgID: envelope.id,
    headers: messageHeaders,
    timeout: options.timeoutMs,
    expect,
  });
}
