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
 * The projection runs on its own durables and is usually milliseconds behind; waiting
 * here keeps the reactor's unordered durable from letting a later fact of the session
 * overtake an earlier one that was handed back.
 */
export const PROJECTION_WAIT_MS = 2_000;
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
