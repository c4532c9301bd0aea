/**
 * A command outcome on rating's aggregates that is not a business refusal, answered as a
 * problem at the edge (a projection lag is platform/http's ProjectionLagError).
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
