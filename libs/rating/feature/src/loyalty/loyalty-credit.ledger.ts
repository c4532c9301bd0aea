/**
 * Takes a member's loyalty credit off a rated session (loyalty-credit.apply.ts) and records
 * the use first: LoyaltyCreditApplied on the member's `loyalty-credit` subject, appended
 * against that subject's last sequence, so two sessions rated at once never spend the
 * same credit (the loser's append fails, its SessionEnded is retried and sees the use).
 * The id is derived from the SessionEnded; a session whose use is already recorded gets
 * that same amount again, so a re-run publishes the same SessionRated. The caller waits
 * for the credit view to catch up before rating, so a recorded use is always seen. A
 * re-rating whose corrected bill takes less of a session's use lowers it (`lowerUse`).
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  LoyaltyCreditAppliedV1,
  LoyaltyCreditUseCorrectedV1,
  type EventData,
  type EventEnvelope,
  type SessionRatedV1,
  type Subjects,
} from '@chargeledger/contracts';
import { derivedEnvelope, type EventAppender } from '@chargeledger/platform/eventstore';
import type { SessionCreditUse } from '../sessions/rating-inputs.queries';
import {
  loyaltyCreditFor,
  loyaltyCreditLeft,
  withLoyaltyCredit,
  type MemberFacts,
} from '@chargeledger/rating/domain';

type Rated = EventData<typeof SessionRatedV1>;

const useRow = z.object({
  session_id: z.string(),
  amount: z.string(),
  currency: z.string(),
  stream_sequence: z.coerce.number(),
});

export class LoyaltyCreditLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly appender: EventAppender,
    private readonly subjects: Subjects,
  ) {}

  async applyTo(
    sessionEnded: EventEnvelope,
    rated: Rated,
    member: MemberFacts | undefined,
  ): Promise<Rated> {
    if (member === undefined) return rated;
    const operatorId = sessionEnded.operatorid;
    const uses = z.array(useRow).parse(
      await this.dataSource.query(
        `SELECT session_id, amount, currency, stream_sequence FROM rating_loyalty_credit_uses_v1
         WHERE operator_id = $1 AND driver_id = $2`,
        [operatorId, member.driverId],
      ),
    );
    const recorded = uses.find((use) => use.session_id === rated.sessionId);
    if (recorded !== undefined) return withLoyaltyCredit(rated, recorded.amount);
    const amount = loyaltyCreditFor(rated, loyaltyCreditLeft(member, uses, rated.currency));
    if (amount === undefined) return rated;
    const subject = this.subjects.event({
      context: 'rating',
      operatorId,
      aggregate: LoyaltyCreditAppliedV1.aggregate,
      id: member.driverId,
    });
    const use = derivedEnvelope(LoyaltyCreditAppliedV1, sessionEnded, {
      index: 0,
      subject,
      data: {
        driverId: member.driverId,
        sessionId: rated.sessionId,
        amount: { amount, currency: rated.currency },
      },
    });
    const version = Math.max(0, ...uses.map((u) => u.stream_sequence));
    await this.appender.appendToAggregate([use], version);
    return withLoyaltyCredit(rated, amount);
  }

  /**
   * Lowers a re-rated session's credit use to what its corrected bill takes, so the rest
   * is the member's again: a LoyaltyCreditUseCorrected derived from the SessionReRated,
   * appended against the member's credit version. The caller appends it before the
   * SessionReRated: a retry after a crash between the two then decides on the lowered use
   * and takes no more, where the other order would lose the return.
   */
  async lowerUse(
    reRated: EventEnvelope,
    use: SessionCreditUse | undefined,
    loweredTo: string | undefined,
  ): Promise<void> {
    if (use === undefined || loweredTo === undefined) return;
    const subject = this.subjects.event({
      context: 'rating',
      operatorId: reRated.operatorid,
      aggregate: LoyaltyCreditUseCorrectedV1.aggregate,
      id: use.driverId,
    });
    const correction = derivedEnvelope(LoyaltyCreditUseCorrectedV1, reRated, {
      index: 0,
      subject,
      data: {
        driverId: use.driverId,
        sessionId: use.sessionId,
        amount: { amount: loweredTo, currency: use.currency },
      },
    });
    await this.appender.appendToAggregate([correction], use.memberVersion);
  }
}
