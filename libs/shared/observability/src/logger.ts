/**
 * Structured JSON logs (pino) on stdout, one line per entry, with the service name and
 * the active trace id so a log line can be found from a trace and back.
 */
import { trace, context } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(
  app: string,
  level: string,
  destination: pino.DestinationStream = pino.destination(1),
): Logger {
  return pino(
    {
      level,
      base: { app },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const span = trace.getSpanContext(context.active());
        return span === undefined ? {} : { traceId: span.traceId, spanId: span.spanId };
      },
    },
    destination,
  );
}
