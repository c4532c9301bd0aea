/**
 * The running cost of an open session, on each MeterValuesRecorded (see the domain's
 * session-live-cost.decide.ts for the pricing and the throttle). The session's facts
 * are cut at the event in stream order: what was recorded before it and up to it (the
 * session reactor reads that cut once per fact, for this and the limit check). A
 * session whose end is projected gets no running cost any more: this reactor's durable is
 * not ordered, so a meter value retried after the session's end could otherwise publish
 * a running cost after the final one, and a viewer joining then would read a stale cost
 * as the latest. For the same reason a cost is not published when the subject's last
 * message is already a running cost as recent (a meter value retried after a later one
 * was priced): costs on the subject only move forward in station time. When a cost is
 * due and the session is still open, wait (nak and retry) until the registry and tariff
 * views caught up, as the final rating does, then publish SessionCostUpdated on
 * `session-rating/<sessionId>` with an id derived from the MeterValuesRecorded, so a
 * re-run republishes the same id and the same cost.
 */
import type { StoredMsg } from 'nats';
import { z } from 'zod';
import {
  MeterValuesRecordedV1,
  SessionCostUpdatedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { derivedEnvelope, type ConsumedEvent } from '@chargeledger/platform/eventstore';
import { liveCostDue, rateOpenSession } from '@chargeledger/rating/domain';
import type { OpenSessionCut, RatingInputsQueries } from './rating-inputs.queries';
import { RatingInputsPendingError } from './rating-inputs.pending';

export interface SessionLiveCostOptions {
  readonly queries: RatingInputsQueries;
  /** Station time per live cost of one session at most (the throttle). */
  readonly liveCostIntervalMs: number;
  readonly viewsCaughtUp: () => Promise<boolean>;
  readonly subjectOf: (operatorId: string, sessionId: string) => string;
  /** The last message on a session's session-rating subject. */
  readonly latestOnSubject: (
    operatorId: string,
    sessionId: string,
  ) => Promise<StoredMsg | undefined>;
}

const runningCostMessage = z.object({
  type: z.literal(SessionCostUpdatedV1.type),
  data: z.object({ asOf: z.string() }),
});

export class SessionLiveCostReaction {
  constructor(private readonly options: SessionLiveCostOptions) {}

  /** `at`: the session's facts cut at this MeterValuesRecorded, the session still open. */
  async react({ envelope }: ConsumedEvent, at: OpenSessionCut): Promise<readonly EventEnvelope[]> {
    const { sessionId } = MeterValuesRecordedV1.schema.parse(envelope.data);
    const operatorId = envelope.operatorid;
    const { queries } = this.options;
    if (!liveCostDue(at.before, at.upTo, this.options.liveCostIntervalMs)) return [];
    if (!(await this.options.viewsCaughtUp()))
      throw new RatingInputsPendingError('the registry or tariff view is behind its stream');
    const cost = rateOpenSession(await queries.ratingInputs(operatorId, at.upTo));
    if (cost === undefined || (await this.superseded(operatorId, sessionId, cost.asOf))) return [];
    const subject = this.options.subjectOf(operatorId, sessionId);
    return [derivedEnvelope(SessionCostUpdatedV1, envelope, { index: 0, subject, data: cost })];
  }

  /** Whether the subject's last message is already a running cost at or after `asOf`. */
  private async superseded(operatorId: string, sessionId: string, asOf: string): Promise<boolean> {
    const latest = await this.options.latestOnSubject(operatorId, sessionId);
    const last = runningCostMessage.safeParse(latest?.json());
    return last.success && Date.parse(last.data.data.asOf) >= Date.parse(asOf);
  }
}
