/**
 * The hold amount of a session that starts, on its SessionStarted: once the registry,
 * tariff and limits views caught up (else nak and retry, so the answer is the one a
 * replay gives), the domain's decideHold bounds the session with the tariff version
 * valid at the start and the limits in effect then, published on
 * `session-hold/<sessionId>` with an id derived from the SessionStarted: a
 * SessionHoldAmountEstimated, or a SessionHoldAmountRefused (unknown station, no tariff
 * assigned, no version valid at the start) so payments need not wait for an estimate.
 */
import {
  SessionHoldAmountEstimatedV1,
  SessionHoldAmountRefusedV1,
  SessionStartedV1,
  Subjects,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';
import { derivedEnvelope, type ConsumedEvent } from '@chargeledger/platform/eventstore';
import { decideHold, type HoldDefaults, type OpenSessionFacts } from '@chargeledger/rating/domain';
import { RatingInputsPendingError } from '../sessions/rating-inputs.pending';
import type { SessionLimitsQueries } from './session-limits.queries';

export interface SessionHoldOptions {
  readonly limits: SessionLimitsQueries;
  readonly namespace: Namespace;
  readonly holdDefaults: HoldDefaults;
  readonly viewsCaughtUp: () => Promise<boolean>;
}

export class SessionHoldReaction {
  private readonly subjects: Subjects;

  constructor(private readonly options: SessionHoldOptions) {
    this.subjects = new Subjects(options.namespace);
  }

  async react({ envelope }: ConsumedEvent): Promise<readonly EventEnvelope[]> {
    const start = SessionStartedV1.schema.parse(envelope.data);
    if (!(await this.options.viewsCaughtUp()))
      throw new RatingInputsPendingError('a registry, tariff or limits view is behind its stream');
    const facts: OpenSessionFacts = {
      sessionId: start.sessionId,
      stationId: start.stationId,
      ...(start.tokenRef === undefined ? {} : { tokenRef: start.tokenRef }),
      startedAt: start.startedAt,
      meterStartWh: start.meterStartWh,
      samples: [],
      stateChanges: [],
    };
    const { tariff, settings } = await this.options.limits.inputsOf(envelope.operatorid, facts);
    const outcome = decideHold(facts, tariff, settings, this.options.holdDefaults);
    const subject = this.subjects.event({
      context: 'rating',
      operatorId: envelope.operatorid,
      aggregate: SessionHoldAmountEstimatedV1.aggregate,
      id: start.sessionId,
    });
    return [
      outcome.kind === 'estimated'
        ? derivedEnvelope(SessionHoldAmountEstimatedV1, envelope, {
            index: 0,
            subject,
            data: outcome.data,
          })
        : derivedEnvelope(SessionHoldAmountRefusedV1, envelope, {
            index: 0,
            subject,
            data: outcome.data,
          }),
    ];
  }
}
