/**
 * The hold amount of a session that starts, on its SessionStarted: once the registry,
 * tariff and limits views caught up (else nak and retry, so the answer is the one a
 * replay gives), the tariff version valid at the start and the session's limits in
 * effect then give the domain's estimateHold, published as SessionHoldAmountEstimated on
 * `session-hold/<sessionId>` with an id derived from the SessionStarted. No tariff (an
 * unknown station, none assigned, no version valid at the start): no hold amount; the
 * session's end is then refused by the final rating with the reason, and payments
 * applies its own policy to a session without an estimate.
 */
import {
  SessionHoldAmountEstimatedV1,
  SessionStartedV1,
  Subjects,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';
import { derivedEnvelope, type ConsumedEvent } from '@chargeledger/platform/eventstore';
import {
  effectiveLimits,
  estimateHold,
  type HoldDefaults,
  type OpenSessionFacts,
} from '@chargeledger/rating/domain';
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
    const inputs = await this.options.limits.inputsOf(envelope.operatorid, facts);
    const version = inputs.tariff?.version;
    if (version === undefined) return [];
    const limits = effectiveLimits(inputs.settings, start.startedAt, start.startedAt);
    const hold = estimateHold(version, limits, this.options.holdDefaults);
    return [
      derivedEnvelope(SessionHoldAmountEstimatedV1, envelope, {
        index: 0,
        subject: this.subjects.event({
          context: 'rating',
          operatorId: envelope.operatorid,
          aggregate: SessionHoldAmountEstimatedV1.aggregate,
          id: start.sessionId,
        }),
        data: {
          sessionId: start.sessionId,
          stationId: start.stationId,
          ...(start.tokenRef === undefined ? {} : { tokenRef: start.tokenRef }),
          ...hold,
        },
      }),
    ];
  }
}
