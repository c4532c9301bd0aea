/**
 * Re-rates a session for a fact ingestion recorded after the session's end (a late
 * MeterValuesRecorded or ChargingStateChanged: ingestion accepts samples after the end
 * when they fall inside the session and fit its registers). Once the session's own
 * rating is on its subject (until then the fact waits, by nak), the domain's
 * decideLateFact rates the facts through this one on the latest CDR's tariff version:
 * within the window a SessionReRated (reason LATE_FACTS), else a SessionReRatingDeclined
 * with its code. The event's id is derived from the fact and appended expecting the
 * subject's loaded sequence, so a redelivery finds it (or JetStream dedupes it) and a
 * concurrent operator correction makes this one reload and decide again (ConcurrencyError
 * → nak). A fact an earlier late re-rating already took in (it ran through a later fact)
 * needs nothing more.
 */
import { z } from 'zod';
import {
  derivedEventId,
  SessionReRatedV1,
  SessionReRatingDeclinedV1,
} from '@chargeledger/contracts';
import {
  derivedEnvelope,
  type ConsumedEvent,
  type EventAppender,
} from '@chargeledger/platform/eventstore';
import { decideLateFact } from '@chargeledger/rating/domain';
import type { LoyaltyCreditLedger } from '../loyalty/loyalty-credit.ledger';
import type { RatingInputsQueries } from '../sessions/rating-inputs.queries';
import { RatingInputsPendingError } from '../sessions/rating-inputs.pending';
import type { SessionRatingHistoryReader } from './session-rating.history.reader';

export interface LateSessionFactOptions {
  readonly queries: RatingInputsQueries;
  readonly history: SessionRatingHistoryReader;
  readonly appender: EventAppender;
  /** Lowers the session's loyalty credit use when the corrected bill takes less of it. */
  readonly credits: LoyaltyCreditLedger;
  /** How long after the rating a late fact still re-rates the session, in ms. */
  readonly windowMs: number;
  /**
   * Whether rating's views (registry, tariffs, loyalty credit uses) have applied their
   * streams: the credit the first bill took is read from them.
   */
  readonly viewsCaughtUp: () => Promise<boolean>;
}

const ofSession = z.object({ sessionId: z.uuid() });

export class LateSessionFactReaction {
  constructor(private readonly options: LateSessionFactOptions) {}

  /** Does nothing for a fact recorded before the session's end. */
  async react(event: ConsumedEvent): Promise<void> {
    const { envelope } = event;
    const { queries, history } = this.options;
    const { sessionId } = ofSession.parse(envelope.data);
    const operatorId = envelope.operatorid;
    const lateness = await queries.lateness(operatorId, sessionId, envelope.id);
    if (lateness === 'pending')
      throw new RatingInputsPendingError(`fact ${envelope.id} is not projected yet`);
    if (lateness === 'in-session') return;
    const loaded = await history.load(operatorId, sessionId);
    const { state } = loaded;
    const ids = [SessionReRatedV1, SessionReRatingDeclinedV1].map((d) =>
      derivedEventId(envelope.id, d.type, 0),
    );
    if (ids.some((id) => loaded.eventIds.has(id))) return;
    if (state.status === 'unrated')
      throw new RatingInputsPendingError(`session ${sessionId} is not rated yet`);
    if (state.status === 'rated' && state.lateFactsThrough !== undefined) {
      const taken = await queries.factsThrough(operatorId, sessionId, state.lateFactsThrough);
      if (taken?.eventIds.includes(envelope.id) === true) return;
    }
    const through = await queries.factsThrough(operatorId, sessionId, envelope.id);
    if (through === undefined)
      throw new RatingInputsPendingError(`facts of session ${sessionId} are not projected yet`);
    if (!(await this.options.viewsCaughtUp()))
      throw new RatingInputsPendingError('a registry, tariff or loyalty view is behind its stream');
    const creditUse = await queries.loyaltyCreditUseOf(operatorId, sessionId);
    const inputs = {
      ...(await queries.ratingInputs(operatorId, through.facts)),
      versions:
        state.status === 'rated'
          ? await queries.tariffVersions(operatorId, [state.current.tariff.tariffId])
          : [],
      loyaltyCreditUsed: creditUse?.amount,
    };
    const fact = { eventId: envelope.id, recordedAt: envelope.time };
    const outcome = decideLateFact(state, fact, inputs, this.options.windowMs);
    const input = { index: 0, subject: loaded.subject };
    if (outcome.kind === 'declined') {
      const declined = derivedEnvelope(SessionReRatingDeclinedV1, envelope, {
        ...input,
        data: outcome.data,
      });
      await this.options.appender.appendToAggregate([declined], loaded.version);
      return;
    }
    const reRated = derivedEnvelope(SessionReRatedV1, envelope, { ...input, data: outcome.data });
    await this.options.credits.lowerUse(reRated, creditUse, outcome.loyaltyCreditUseLoweredTo);
    await this.options.appender.appendToAggregate([reRated], loaded.version);
  }
}
