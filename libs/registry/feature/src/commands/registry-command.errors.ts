/** Command outcomes that are not business refusals, mapped to HTTP at the edge. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'REGISTRY.IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('this Idempotency-Key was already used for a different command');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The event is stored but the registry's tables did not show it within the bound. */
export class ProjectionLagError extends Error {
  readonly code = 'REGISTRY.PROJECTION_LAGGING';
  constructor(
    readonly eventId: string,
    waitedMs: number,
  ) {
    super(
      `event ${eventId} is stored but not yet readable after ${waitedMs} ms; retry with the same Idempotency-Key`,
    );
    this.name = 'ProjectionLagError';
  }
}
