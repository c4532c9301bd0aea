/** Re-rating outcomes that are not business refusals, answered as problems at the edge. */
import { ProblemError } from '@chargeledger/platform/http';

/** The session is rated but rating's session-facts view does not hold its facts (yet). */
export class SessionFactsMissingError extends ProblemError {
  constructor(sessionId: string) {
    super(
      {
        status: 503,
        code: 'RATING.PROJECTION_LAGGING',
        title: 'Session facts not yet readable',
        detail: `the facts of session ${sessionId} are not in rating's view yet; retry with the same Idempotency-Key`,
      },
      { 'Retry-After': '1' },
    );
    this.name = 'SessionFactsMissingError';
  }
}
