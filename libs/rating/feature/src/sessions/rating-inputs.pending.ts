/** Retryable: what the rating needs is recorded but not yet in rating's tables. */
export class RatingInputsPendingError extends Error {
  readonly code = 'RATING.INPUTS_PENDING';
  constructor(detail: string) {
    super(`RATING.INPUTS_PENDING: ${detail}`);
    this.name = 'RatingInputsPendingError';
  }
}

/**
 * How long a reaction waits, in the handler, for rating's session facts projection to
 * apply the event it reacts to before handing the event back (nak, redelivered later).
 * Waiting here keeps the reactor's unordered durable from letting a later fact of the
 * session overtake an earlier one that was handed back (its live cost would then be
 * skipped as older than the one shown). The projection runs on its own durables; while
 * its batch is not full, a pull returns at its expiry (1 s), so on a busy machine it can
 * be well over a second behind: 2 s proved too tight, and 5 s is what the command paths
 * give their projections too.
 */
export const PROJECTION_WAIT_MS = 5_000;
const PROJECTION_POLL_MS = 25;

/** Reads until `pending` says no, or the wait is over (then answers the last read). */
export async function readOnceProjected<T>(
  read: () => Promise<T>,
  pending: (value: T) => boolean,
  waitMs = PROJECTION_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const value = await read();
    if (!pending(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, PROJECTION_POLL_MS));
  }
}
