/**
 * Why an append failed, as types callers can act on: a concurrency conflict means another
 * writer moved the aggregate first (reload and decide again); an exhausted publish means
 * the server stayed unreachable or refused for longer than the retry bound.
 */
export class ConcurrencyError extends Error {
  readonly code = 'EVENTSTORE.CONCURRENCY_CONFLICT';
  constructor(
    readonly subject: string,
    readonly expectedLastSubjectSequence: number,
  ) {
    super(`${subject} moved past sequence ${expectedLastSubjectSequence}`);
    this.name = 'ConcurrencyError';
  }
}

export class PublishFailedError extends Error {
  readonly code = 'EVENTSTORE.PUBLISH_FAILED';
  constructor(
    readonly eventId: string,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`event ${eventId} not stored after ${attempts} attempts: ${String(lastError)}`);
    this.name = 'PublishFailedError';
  }
}

const WRONG_LAST_SEQUENCE = 10071;
/** Errors where a retry with the same msg id may succeed: timeouts, no responders, storage full. */
const RETRYABLE_CODES = new Set([
  'TIMEOUT',
  '503',
  'CONNECTION_CLOSED',
  'DISCONNECT',
  'CONNECTION_TIMEOUT',
]);
const RETRYABLE_API_CODES = new Set([
  10023 /* insufficient resources */, 10008 /* cluster not available */,
]);

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

export function jetStreamErrorCode(error: unknown): number | undefined {
  const code = field(field(error, 'api_error'), 'err_code');
  return typeof code === 'number' ? code : undefined;
}

export function isWrongLastSequence(error: unknown): boolean {
  return jetStreamErrorCode(error) === WRONG_LAST_SEQUENCE;
}

export function isRetryablePublishError(error: unknown): boolean {
  const apiCode = jetStreamErrorCode(error);
  if (apiCode !== undefined) return RETRYABLE_API_CODES.has(apiCode);
  const code = field(error, 'code');
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}
