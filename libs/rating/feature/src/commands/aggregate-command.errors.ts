/**
 * Command outcomes on rating's aggregates that are not business refusals, answered as
 * problems at the edge.
 */
import { ProblemError } from '@chargeledger/platform/http';

/** The Idempotency-Key was first used for a command on another aggregate. */
export class IdempotencyKeyReusedError extends ProblemError {
  constructor() {
    super({
      status: 422,
      code: 'RATING.IDEMPOTENCY_KEY_REUSED',
      title: 'Idempotency-Key reused',
      detail: 'this Idempotency-Key was already used for a different request',
    });
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The event is stored but rating's tables did not show it within the bound. */
export class ProjectionLagError extends ProblemError {
  constructor(eventId: string, waitedMs: number) {
    super(
      {
        status: 503,
        code: 'RATING.PROJECTION_LAGGING',
        title: 'Accepted but not yet readable',
        detail: `event ${eventId} is stored but not yet readable after ${waitedMs} ms; retry with the same Idempotency-Key`,
      },
      { 'Retry-After': '1' },
    );
    this.name = 'ProjectionLagError';
  }
}
