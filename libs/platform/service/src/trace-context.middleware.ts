/**
 * Runs each HTTP request inside the trace context its `traceparent` header names (or a
 * fresh one), so events published while handling it carry the same trace, and echoes
 * the trace back in the response.
 */
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import {
  currentTraceparent,
  extractFromRecord,
  runInTraceContext,
} from '@chargeledger/shared/observability';

@Injectable()
export class TraceContextMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const header = request.headers.traceparent;
    const traceContext = extractFromRecord({
      traceparent: typeof header === 'string' ? header : undefined,
    });
    runInTraceContext(traceContext, () => {
      const traceparent = currentTraceparent();
      if (traceparent !== undefined) response.setHeader('traceparent', traceparent);
      next();
    });
  }
}
