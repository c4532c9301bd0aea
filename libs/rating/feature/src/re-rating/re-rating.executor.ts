/**
 * Re-rates a rated session for an operator: load the session-rating aggregate from its
 * subject → read the facts its latest CDR was rated from, the station and rounding inputs
 * and the versions of the tariffs involved → decide (decideReRating) → lower the session's
 * loyalty credit use if the corrected bill takes less of it → append one SessionReRated
 * expecting the subject's loaded sequence. When another writer appended
 * first, the aggregate is reloaded: if its latest CDR is still the one this correction
 * was decided against, it is decided again (only a live cost or a late fact's decline
 * moved it); if a correction replaced that CDR, the request is a conflict (409), never
 * silently applied to a CDR the operator did not correct.
 *
 * Idempotency: the event id is `commandEventId(Idempotency-Key, operator)`; a retry finds
 * that event on the subject and is answered from it without deciding again, and a retry
 * racing the first attempt publishes the same id, which JetStream dedupes.
 */
import { Injectable } from '@nestjs/common';
import {
  commandEventId,
  createEnvelope,
  SessionReRatedV1,
  Subjects,
  type EventData,
} from '@chargeledger/contracts';
import {
  ConcurrencyError,
  DEFAULT_APPENDER_OPTIONS,
  EventAppender,
} from '@chargeledger/platform/eventstore';
import { DatabaseResource, NatsResource } from '@chargeledger/platform/service';
import {
  decideReRating,
  RatingRefusal,
  type RatedSessionState,
  type ReRateSession,
} from '@chargeledger/rating/domain';
import { currentTraceparent } from '@chargeledger/shared/observability';
import { requireTenant } from '@chargeledger/shared/tenancy';
import type { DataSource } from 'typeorm';
import { LoyaltyCreditLedger } from '../loyalty/loyalty-credit.ledger';
import { RatingInputsQueries } from '../sessions/rating-inputs.queries';
import { SessionFactsMissingError } from './re-rating.errors';
import { SessionRatingHistoryReader } from './session-rating.history.reader';

const ATTEMPTS_MAX = 3;
const RELOAD_DELAY_MS = 50;

export type ReRatingView = { reRatingId: string } & EventData<typeof SessionReRatedV1>;

@Injectable()
export class ReRatingExecutor {
  private appenderInstance: EventAppender | undefined;
  private creditsInstance: LoyaltyCreditLedger | undefined;
  private readonly dataSource: DataSource;
  private readonly queries: RatingInputsQueries;
  private readonly history: SessionRatingHistoryReader;

  constructor(
    private readonly nats: NatsResource,
    database: DatabaseResource,
  ) {
    this.dataSource = database.dataSource;
    this.queries = new RatingInputsQueries(database.dataSource);
    this.history = new SessionRatingHistoryReader(
      () => this.nats.nats.jetstreamManager({ checkAPI: false }),
      this.nats.topology.namespace,
    );
  }

  /** Made on first use: NATS connects after the providers are constructed. */
  private get appender(): EventAppender {
    this.appenderInstance ??= new EventAppender(this.nats.jetstream, DEFAULT_APPENDER_OPTIONS);
    return this.appenderInstance;
  }

  private get credits(): LoyaltyCreditLedger {
    this.creditsInstance ??= new LoyaltyCreditLedger(
      this.dataSource,
      this.appender,
      new Subjects(this.nats.topology.namespace),
    );
    return this.creditsInstance;
  }

  async reRate(command: ReRateSession, idempotencyKey: string | undefined): Promise<ReRatingView> {
    const operatorId = requireTenant();
    const eventId = commandEventId(idempotencyKey, operatorId);
    let decidedOn: string | undefined;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.history.load(operatorId, command.sessionId);
      const replay = loaded.reRatings.get(eventId);
      if (replay !== undefined) return { reRatingId: eventId, ...replay };
      const { state } = loaded;
      if (decidedOn !== undefined && state.status === 'rated' && state.current.cdrId !== decidedOn)
        throw new RatingRefusal(
          'RATING.RE_RATING_CONFLICT',
          `CDR ${decidedOn} was corrected by another re-rating (now ${state.current.cdrId}) while this one was decided`,
        );
      if (state.status !== 'rated')
        throw new RatingRefusal(
          'RATING.SESSION_NOT_FOUND',
          `session ${command.sessionId} has no rating to correct`,
        );
      const { inputs, creditUse } = await this.inputsOf(operatorId, state, command);
      const decision = decideReRating(state, command, inputs);
      const data = decision.reRated;
      decidedOn = data.credit.creditReferenceId;
      const traceparent = currentTraceparent();
      const envelope = createEnvelope(SessionReRatedV1, {
        id: eventId,
        subject: loaded.subject,
        operatorId,
        time: new Date().toISOString(),
        data,
        correlationId: eventId,
        ...(traceparent === undefined ? {} : { traceparent }),
      });
      try {
        await this.credits.lowerUse(envelope, creditUse, decision.loyaltyCreditUseLoweredTo);
        await this.appender.appendToAggregate([envelope], loaded.version);
        return { reRatingId: eventId, ...data };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (attempt >= ATTEMPTS_MAX)
          throw new RatingRefusal(
            'RATING.RE_RATING_CONFLICT',
            `session ${command.sessionId} kept changing while it was re-rated; retry`,
          );
        await new Promise((resolve) => setTimeout(resolve, RELOAD_DELAY_MS * attempt));
      }
    }
  }

  /** The facts the latest CDR was rated from, and the versions of the tariffs involved. */
  private async inputsOf(operatorId: string, state: RatedSessionState, command: ReRateSession) {
    const { sessionId } = command;
    const facts =
      state.lateFactsThrough === undefined
        ? (await this.queries.projectedSession(operatorId, sessionId)).facts
        : (await this.queries.factsThrough(operatorId, sessionId, state.lateFactsThrough))?.facts;
    if (facts === undefined) throw new SessionFactsMissingError(sessionId);
    const { correction } = command;
    const tariffIds = [
      state.current.tariff.tariffId,
      ...(correction.kind === 'TARIFF_VERSION' ? [correction.tariffId] : []),
    ];
    const creditUse = await this.queries.loyaltyCreditUseOf(operatorId, sessionId);
    const inputs = {
      ...(await this.queries.ratingInputs(operatorId, facts)),
      versions: await this.queries.tariffVersions(operatorId, tariffIds),
      loyaltyCreditUsed: creditUse?.amount,
    };
    return { inputs, creditUse };
  }
}
