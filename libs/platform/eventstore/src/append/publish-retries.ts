/**
 * One JetStream publish, retried with exponential backoff while the error is worth
 * retrying (timeouts, no responders); every attempt carries the same Nats-Msg-Id, so the
 * server keeps one copy. Bounded: after `attemptsMax` it fails with PublishFailedError.
 */
import type { PubAck } from 'nats';
import { isRetryablePublishError, PublishFailedError } from './append-errors';

export interface PublishRetryOptions {
  readonly attemptsMax: number;
  readonly retryDelayMs: number;
}

export async function publishWithRetries(
  options: PublishRetryOptions,
  msgId: string,
  publish: () => Promise<PubAck>,
): Promise<PubAck> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.attemptsMax; attempt++) {
    try {
      return await publish();
    } catch (error) {
      if (!isRetryablePublishError(error)) throw error;
      lastError = error;
      await new Promise((resolve) =>
        setTimeout(resolve, options.retryDelayMs * 2 ** (attempt - 1)),
      );
    }
  }
  throw new PublishFailedError(msgId, options.attemptsMax, lastError);
}
