/**
 * Rates a session when it ends. On SessionEnded: wait (nak and retry) until the session's
 * facts are projected up to that end and rating's registry and tariff views have caught
 * up with their streams, then decide with the domain's rateEndedSession and publish
 * SessionRated, or SessionRatingRefused with its code, on `session-rating/<sessionId>`
 * with an id derived from the SessionEnded (a re-run republishes the same id, which
 * JetStream dedupes). Waiting for caught-up views makes the answer the one a replay of
 * the log gives: any assignment or version the views lack was recorded after the check,
 * so after the session had started, and cannot apply to it.
 *
 * A second, different SessionEnded of a session already ended gets no reaction: the
 * session was rated from its first end.
 */
import {
  SessionEndedV1,
  SessionRatedV1,
  SessionRatingRefusedV1,
  Subjects,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';
import {
  derivedEnvelope,
  type ConsumedEvent,
  type Reactor,
} from '@chargeledger/platform/eventstore';
import { rateEndedSession } from '@chargeledger/rating/domain';
import type { RatingInputsQueries } from './rating-inputs.queries';

/** Retryable: what the rating needs is recorded but not yet in rating's tables. */
export class RatingInputsPendingError extends Error {
  readonly code = 'RATING.INPUTS_PENDING';
  constructor(detail: string) {
    super(`RATING.INPUTS_PENDING: ${detail}`);
    this.name = 'RatingInputsPendingError';
  }
}

export interface SessionRatingReactorOptions {
  readonly queries: RatingInputsQueries;
  readonly namespace: Namespace;
  /** Whether the registry and tariff views have applied everything in their streams. */
  readonly viewsCaughtUp: () => Promise<boolean>;
}

export class SessionRatingReactor implements Reactor {
  private readonly subjects: Subjects;

  constructor(private readonly options: SessionRatingReactorOptions) {
    this.subjects = new Subjects(options.namespace);
  }

  async react({ envelope }: ConsumedEvent): Promise<readonly EventEnvelope[]> {
    if (envelope.type !== SessionEndedV1.type) return [];
    const { sessionId } = SessionEndedV1.schema.parse(envelope.data);
    const operatorId = envelope.operatorid;
    const projected = await this.options.queries.projectedSession(operatorId, sessionId);
    if (!projected.endEventIds.includes(envelope.id) || projected.facts === undefined)
      throw new RatingInputsPendingError(`facts of session ${sessionId} are not projected yet`);
    if (projected.endEventIds[0] !== envelope.id) return [];
    if (!(await this.options.viewsCaughtUp()))
      throw new RatingInputsPendingError('the registry or tariff view is behind its stream');
    const outcome = rateEndedSession(
      await this.options.queries.ratingInputs(operatorId, projected.facts),
    );
    const subject = this.subjects.event({
      context: 'rating',
      operatorId,
      aggregate: 'session-rating',
      id: sessionId,
    });
    return [
      outcome.kind === 'rated'
        ? derivedEnvelope(SessionRatedV1, envelope, { index: 0, subject, data: outcome.data })
        : derivedEnvelope(SessionRatingRefusedV1, envelope, {
            index: 0,
            subject,
            data: outcome.data,
          }),
    ];
  }
}
