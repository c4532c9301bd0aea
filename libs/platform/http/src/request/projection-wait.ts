/**
 * A command answers once its event is readable: after appending, it waits for the
 * service's own projection to apply the event, within a bound. Past the bound the event
 * is stored but not yet readable, answered as 503 with Retry-After, to be retried with
 * the same Idempotency-Key.
 */
import { ProblemError } from '../problem/problem';

const PROJECTION_WAIT_MS = 5_000;
const PROJECTION_POLL_MS = 20;

/** The event is stored but the service's tables did not show it within the bound. */
export class ProjectionLagError extends ProblemError {
  constructor(
    /** The service's problem code prefix: `RATING`, `REGISTRY`. */
    context: string,
    readonly eventId: string,
    waitedMs: number,
  ) {
    super(
      {
        status: 503,
        code: `${context}.PROJECTION_LAGGING`,
        title: 'Accepted but not yet readable',
        detail: `event ${eventId} is stored but not yet readable after ${waitedMs} ms; retry with the same Idempotency-Key`,
      },
      { 'Retry-After': '1' },
    );
    this.name = 'ProjectionLagError';
  }
}

/** Polls `isApplied` until it says yes; throws ProjectionLagError past the bound. */
export async function waitUntilProjected(
  context: string,
  eventId: string,
  isApplied: (eventId: string) => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + PROJECTION_WAIT_MS;
  while (!(await isApplied(eventId))) {
    if (Date.now() >= deadline) throw new ProjectionLagError(context, eventId, PROJECTION_WAIT_MS);
    await new Promise((resolve) => setTimeout(resolve, PROJECTION_POLL_MS));
  }
}
