/**
 * Checks a session's limits on each fact rating receives of it (MeterValuesRecorded,
 * ChargingStateChanged). The facts are cut at the event in stream order, as for the live
 * cost; once the session's facts are projected up to it and the registry, tariff and
 * limits views caught up (else nak and retry, so a replay of the log decides the same;
 * an operator that never set a limit is skipped once the limits view alone caught up),
 * the domain's limitStopsDue names the limits this fact reaches first. For those, one
 * SessionStopRequested each on `session-stop/<sessionId>`, ids derived from the fact,
 * all naming one RemoteStop (`commandId` derived from the fact too), which the appender
 * publishes to CMD_STATIONS before the events (stop-command.appender.ts). A redelivered
 * fact rebuilds the same ids, deduped by JetStream.
 */
import { z } from 'zod';
import {
  derivedEventId,
  SessionStopRequestedV1,
  Subjects,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';
import { derivedEnvelope, type ConsumedEvent } from '@chargeledger/platform/eventstore';
import {
  limitsAt,
  limitStopsDue,
  progressOf,
  rateOpenSession,
  type OpenSessionFacts,
} from '@chargeledger/rating/domain';
import type { OpenSessionCut, RatingInputsQueries } from '../sessions/rating-inputs.queries';
import { RatingInputsPendingError } from '../sessions/rating-inputs.pending';
import type { SessionLimitInputs, SessionLimitsQueries } from './session-limits.queries';

export interface SessionLimitStopOptions {
  readonly queries: RatingInputsQueries;
  readonly limits: SessionLimitsQueries;
  readonly namespace: Namespace;
  readonly stopCommandTtlMs: number;
  readonly viewsCaughtUp: () => Promise<boolean>;
  readonly limitsViewCaughtUp: () => Promise<boolean>;
}

/** The `type` a RemoteStop's commandId is derived under (not an event type). */
export const REMOTE_STOP_ID_TYPE = 'chargeledger.rating.RemoteStop';

const ofSession = z.object({ sessionId: z.uuid() });

export class SessionLimitStopReaction {
  private readonly subjects: Subjects;

  constructor(private readonly options: SessionLimitStopOptions) {
    this.subjects = new Subjects(options.namespace);
  }

  /** `at`: the session's facts cut at this fact, the session still open. */
  async react({ envelope }: ConsumedEvent, at: OpenSessionCut): Promise<readonly EventEnvelope[]> {
    const { sessionId } = ofSession.parse(envelope.data);
    const operatorId = envelope.operatorid;
    // Most operators set no limits: once the limits view has caught up, an operator with
    // none has none that could apply to facts recorded so far, whatever the other views.
    if (!(await this.options.limitsViewCaughtUp()))
      throw new RatingInputsPendingError('the limits view is behind its stream');
    if (!(await this.options.limits.operatorHasLimits(operatorId))) return [];
    if (!(await this.options.viewsCaughtUp()))
      throw new RatingInputsPendingError('a registry, tariff or limits view is behind its stream');
    const inputs = await this.options.limits.inputsOf(operatorId, at.upTo);
    if (inputs.settings.length === 0) return [];
    const priced =
      limitsAt(inputs.settings, at.before).cost !== undefined ||
      limitsAt(inputs.settings, at.upTo).cost !== undefined;
    const progress = (facts: OpenSessionFacts) =>
      progressOf(facts, priced ? costExclVatOf(inputs, facts) : undefined);
    const due = limitStopsDue(
      inputs.settings,
      at.upTo.startedAt,
      progress(at.before),
      progress(at.upTo),
    );
    if (due.length === 0) return [];
    const transactionId = await this.options.limits.transactionIdOf(operatorId, sessionId);
    const commandId = derivedEventId(envelope.id, REMOTE_STOP_ID_TYPE, 0);
    const expiresAt = new Date(Date.parse(envelope.time) + this.options.stopCommandTtlMs);
    const subject = this.subjects.event({
      context: 'rating',
      operatorId,
      aggregate: SessionStopRequestedV1.aggregate,
      id: sessionId,
    });
    return due.map((reached, index) =>
      derivedEnvelope(SessionStopRequestedV1, envelope, {
        index,
        subject,
        data: {
          sessionId,
          stationId: at.upTo.stationId,
          transactionId,
          ...reached,
          commandId,
          expiresAt: expiresAt.toISOString(),
        },
      }),
    );
  }
}

function costExclVatOf(inputs: SessionLimitInputs, facts: OpenSessionFacts): string | undefined {
  return rateOpenSession({ ...inputs.rating, facts })?.cost.excl_vat;
}
