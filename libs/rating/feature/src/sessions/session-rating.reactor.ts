/**
 * Rates sessions from ingestion's session events. On MeterValuesRecorded: the running
 * cost of the open session (session-live-cost.reaction.ts). On SessionEnded: wait (nak
 * and retry) until the session's facts are projected up to that end and rating's
 * registry and tariff views have caught up with their streams, then decide with the
 * domain's rateEndedSession and publish, on `session-rating/<sessionId>` with ids derived
 * from the SessionEnded (a re-run republishes the same ids, which JetStream dedupes),
 * either a last SessionCostUpdated equal to the bill followed by SessionRated, or
 * SessionRatingRefused with its code. A loyalty member's bill first takes what is left of
 * their credit (loyalty-credit.ledger.ts), and the rated session also publishes the points
 * it earned (loyalty-accrual.envelope.ts). Waiting for caught-up views makes the answer the
 * one a replay of the log gives: any assignment or version the views lack was recorded
 * after the check, so after the session had started, and cannot apply to it.
 *
 * A second, different SessionEnded of a session already ended gets no reaction: the
 * session was rated from its first end. Limits: SessionStarted gets the session's hold
 * amount (limits/session-hold.reaction.ts); MeterValuesRecorded and ChargingStateChanged
 * are checked against the session's limits (limits/session-limit-stop.reaction.ts). A
 * meter value or charging state recorded after the end is a late fact, for re-rating
 * (re-rating/late-session-fact.reaction.ts).
 */
import type { StoredMsg } from 'nats';
import { z } from 'zod';
import {
  ChargingStateChangedV1,
  MeterValuesRecordedV1,
  SessionCostUpdatedV1,
  SessionEndedV1,
  SessionRatedV1,
  SessionRatingRefusedV1,
  SessionStartedV1,
  Subjects,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';
import {
  derivedEnvelope,
  type ConsumedEvent,
  type Reactor,
} from '@chargeledger/platform/eventstore';
import { liveCostOf, rateEndedSession, type HoldDefaults } from '@chargeledger/rating/domain';
import { SessionHoldReaction } from '../limits/session-hold.reaction';
import { SessionLimitStopReaction } from '../limits/session-limit-stop.reaction';
import type { SessionLimitsQueries } from '../limits/session-limits.queries';
import { loyaltyAccrualEnvelopes } from '../loyalty/loyalty-accrual.envelope';
import type { LoyaltyCreditLedger } from '../loyalty/loyalty-credit.ledger';
import type { LateSessionFactReaction } from '../re-rating/late-session-fact.reaction';
import type { OpenSessionCut, RatingInputsQueries } from './rating-inputs.queries';
import { RatingInputsPendingError, readOnceProjected } from './rating-inputs.pending';
import { SessionLiveCostReaction } from './session-live-cost.reaction';

const factOfSession = z.object({ sessionId: z.uuid() });

export interface SessionRatingReactorOptions {
  readonly queries: RatingInputsQueries;
  readonly namespace: Namespace;
  /** Station time per live cost of one session at most (the throttle). */
  readonly liveCostIntervalMs: number;
  /** Whether the registry, tariff and limits views have applied everything in their streams. */
  readonly viewsCaughtUp: () => Promise<boolean>;
  /** Whether the session-limits view has applied everything in its stream. */
  readonly limitsViewCaughtUp: () => Promise<boolean>;
  readonly limits: SessionLimitsQueries;
  readonly holdDefaults: HoldDefaults;
  /** How long a RemoteStop for a reached limit stays wanted after the fact that reached it. */
  readonly stopCommandTtlMs: number;
  /** Takes a member's loyalty credit off the bill, recording the use first. */
  readonly credits: LoyaltyCreditLedger;
  /** Re-rates a rated session for a fact recorded after its end. */
  readonly lateFacts: LateSessionFactReaction;
  /** The last message on a session's session-rating subject. */
  readonly latestOnSubject: (
    operatorId: string,
    sessionId: string,
  ) => Promise<StoredMsg | undefined>;
}

export class SessionRatingReactor implements Reactor {
  private readonly subjects: Subjects;
  private readonly liveCost: SessionLiveCostReaction;
  private readonly limitStop: SessionLimitStopReaction;
  private readonly hold: SessionHoldReaction;

  constructor(private readonly options: SessionRatingReactorOptions) {
    this.subjects = new Subjects(options.namespace);
    this.liveCost = new SessionLiveCostReaction({
      ...options,
      subjectOf: (operatorId, sessionId) => this.subjectOf(operatorId, sessionId),
    });
    this.limitStop = new SessionLimitStopReaction(options);
    this.hold = new SessionHoldReaction(options);
  }

  async react(event: ConsumedEvent): Promise<readonly EventEnvelope[]> {
    const { envelope } = event;
    if (envelope.type === SessionStartedV1.type) return this.hold.react(event);
    if (
      envelope.type === MeterValuesRecordedV1.type ||
      envelope.type === ChargingStateChangedV1.type
    ) {
      const at = await this.factsAt(event);
      // Closed: not started before it, or ended; a fact after the end is for re-rating.
      if (at.status === 'closed') {
        await this.options.lateFacts.react(event);
        return [];
      }
      const cost =
        envelope.type === MeterValuesRecordedV1.type ? await this.liveCost.react(event, at) : [];
      return [...cost, ...(await this.limitStop.react(event, at))];
    }
    if (envelope.type !== SessionEndedV1.type) return [];
    const { sessionId } = SessionEndedV1.schema.parse(envelope.data);
    const operatorId = envelope.operatorid;
    const projected = await readOnceProjected(
      () => this.options.queries.projectedSession(operatorId, sessionId),
      (session) => !session.endEventIds.includes(envelope.id) || session.facts === undefined,
    );
    if (!projected.endEventIds.includes(envelope.id) || projected.facts === undefined)
      throw new RatingInputsPendingError(`facts of session ${sessionId} are not projected yet`);
    if (projected.endEventIds[0] !== envelope.id) return [];
    if (!(await this.options.viewsCaughtUp()))
      throw new RatingInputsPendingError('the registry or tariff view is behind its stream');
    const inputs = await this.options.queries.ratingInputs(operatorId, projected.facts);
    const outcome = rateEndedSession(inputs);
    const subject = this.subjectOf(operatorId, sessionId);
    if (outcome.kind === 'refused')
      return [
        derivedEnvelope(SessionRatingRefusedV1, envelope, {
          index: 0,
          subject,
          data: outcome.data,
        }),
      ];
    const rated = await this.options.credits.applyTo(envelope, outcome.data, inputs.member);
    return [
      derivedEnvelope(SessionCostUpdatedV1, envelope, {
        index: 0,
        subject,
        data: liveCostOf(rated),
      }),
      derivedEnvelope(SessionRatedV1, envelope, { index: 0, subject, data: rated }),
      ...loyaltyAccrualEnvelopes(inputs.member, rated, envelope, this.subjects),
    ];
  }

  /** The session's facts cut at a fact of it, once projected (read once per fact). */
  private async factsAt({
    envelope,
  }: ConsumedEvent): Promise<OpenSessionCut | { status: 'closed' }> {
    const { sessionId } = factOfSession.parse(envelope.data);
    const at = await readOnceProjected(
      () => this.options.queries.sessionFactsAt(envelope.operatorid, sessionId, envelope.id),
      (facts) => facts.status === 'pending',
    );
    if (at.status === 'pending')
      throw new RatingInputsPendingError(`session fact ${envelope.id} is not projected yet`);
    return at;
  }

  private subjectOf(operatorId: string, sessionId: string): string {
    return this.subjects.event({
      context: 'rating',
      operatorId,
      aggregate: 'session-rating',
      id: sessionId,
    });
  }
}
