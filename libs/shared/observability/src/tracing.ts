/**
 * Trace context. W3C `traceparent` always flows (HTTP in, envelope and NATS headers out,
 * and back in on consume) even with the OpenTelemetry SDK off, because the propagator and
 * the async context manager are installed unconditionally; with OTEL_ENABLED the SDK also
 * records and exports spans over OTLP.
 */
import { randomBytes } from 'node:crypto';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

export interface Tracing {
  shutdown(): Promise<void>;
}

let installed = false;

export function installTracing(options: {
  app: string;
  enabled: boolean;
  endpoint: string;
}): Tracing {
  if (!installed) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    installed = true;
  }
  if (!options.enabled) return { shutdown: () => Promise.resolve() };
  const sdk = new NodeSDK({
    serviceName: options.app,
    traceExporter: new OTLPTraceExporter({ url: `${options.endpoint}/v1/traces` }),
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

const recordGetter: TextMapGetter<Readonly<Record<string, string | undefined>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** The trace context a carrier (NATS headers, say) brings, if it brings one. */
export function carriedTraceContext<C>(carrier: C, getter: TextMapGetter<C>): Context | undefined {
  const extracted = propagation.extract(context.active(), carrier, getter);
  return trace.getSpanContext(extracted) === undefined ? undefined : extracted;
}

/**
 * The trace contexts the carriers bring, skipping those that bring none. With no
 * propagator installed (tracing off) none can, and the carriers are not even visited: a
 * consumer calls this for every message of every batch.
 */
export function carriedTraceContexts<C>(
  carriers: Iterable<C>,
  getter: TextMapGetter<C>,
): Context[] {
  if (propagation.fields().length === 0) return [];
  const contexts: Context[] = [];
  for (const carrier of carriers) {
    const carried = carriedTraceContext(carrier, getter);
    if (carried !== undefined) contexts.push(carried);
  }
  return contexts;
}

/** The context of an inbound carrier (HTTP headers, NATS headers), or a fresh root. */
export function extractTraceContext<C>(carrier: C, getter: TextMapGetter<C>): Context {
  const extracted = propagation.extract(context.active(), carrier, getter);
  if (trace.getSpanContext(extracted) !== undefined) return extracted;
  return trace.setSpanContext(extracted, {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    traceFlags: TraceFlags.NONE,
    isRemote: false,
  });
}

export function extractFromRecord(carrier: Readonly<Record<string, string | undefined>>): Context {
  return extractTraceContext(carrier, recordGetter);
}

export function injectTraceContext<C>(
  carrier: C,
  setter: TextMapSetter<C>,
  from: Context = context.active(),
): void {
  propagation.inject(from, carrier, setter);
}

/** The active `traceparent`, for the event envelope. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

export function runInTraceContext<T>(traceContext: Context, work: () => T): T {
  return context.with(traceContext, work);
}

/**
 * Runs consumer work in a span. One message: the span continues that message's trace (so
 * its `traceparent` flows on into anything published). A batch: the span links to every
 * message's trace, since a batch has many parents.
 */
export async function inConsumerSpan<T>(
  name: string,
  messageContexts: readonly Context[],
  work: () => Promise<T>,
): Promise<T> {
  const links = messageContexts.flatMap((c) => {
    const spanContext = trace.getSpanContext(c);
    return spanContext === undefined ? [] : [{ context: spanContext }];
  });
  const parent =
    messageContexts.length === 1 ? (messageContexts[0] ?? context.active()) : context.active();
  return trace
    .getTracer('chargeledger')
    .startActiveSpan(name, { kind: SpanKind.CONSUMER, links }, parent, async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        span.end();
      }
    });
}
