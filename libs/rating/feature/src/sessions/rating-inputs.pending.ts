/** Retryable: what the rating needs is recorded but not yet in rating's tables. */
export class RatingInputsPendingError extends Error {
  readonly code = 'RATING.INPUTS_PENDING';
  constructor(detail: string) {
    super(`RATING.INPUTS_PENDING: ${detail}`);
    this.name = 'RatingInputsPendingError';
  }
}
