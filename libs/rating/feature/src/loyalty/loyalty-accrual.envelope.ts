/**
 * The LoyaltyPointsAccrued a member's rated session publishes beside its SessionRated: on
 * the member's `loyalty-points` subject, with the id derived from the SessionEnded that
 * was rated, so a re-run of the rating publishes the same id (JetStream dedupes it, and
 * the registry credits an id once). None when the driver is no member or earns nothing.
 */
import {
  LoyaltyPointsAccruedV1,
  type EventData,
  type EventEnvelope,
  type SessionRatedV1,
  type Subjects,
} from '@chargeledger/contracts';
import { derivedEnvelope } from '@chargeledger/platform/eventstore';
import { loyaltyAccrualOf, type MemberFacts } from '@chargeledger/rating/domain';

export function loyaltyAccrualEnvelopes(
  member: MemberFacts | undefined,
  rated: EventData<typeof SessionRatedV1>,
  sessionEnded: EventEnvelope,
  subjects: Subjects,
): EventEnvelope[] {
  const accrual = loyaltyAccrualOf(member, rated);
  if (accrual === undefined) return [];
  const subject = subjects.event({
    context: 'rating',
    operatorId: sessionEnded.operatorid,
    aggregate: LoyaltyPointsAccruedV1.aggregate,
    id: accrual.driverId,
  });
  return [
    derivedEnvelope(LoyaltyPointsAccruedV1, sessionEnded, { index: 0, subject, data: accrual }),
  ];
}
