/** Command outcomes that are not business refusals, answered as problems at the edge. */
import { ProblemError } from '@chargeledger/platform/http';

/** The event is stored but the registry's tables did not show it within the bound. */
export class ProjectionLagError extends ProblemError {
  constructor(
    readonly eventId: string,
    waitedMs: number,
  ) {
    super(
      {
        status: 503,
        code: 'REGISTRY.PROJECTION_LAGGING',
        title: 'Accepted but not yet readable',
        detail: `event ${eventId} is stored but not yet readable after ${waitedMs} ms; retry with the same Idempotency-Key`,
      },
      { 'Retry-After': '1' },
    );
    this.name = 'ProjectionLagError';
  }
}
