/**
 * Credits the points rating accrued for a member's rated session (LoyaltyPointsAccrued in
 * EVT_RATING) to the member's balance, which the registry owns: load → decide
 * (EarnLoyaltyPoints, reason CHARGING_SESSION) → append LoyaltyPointsEarned against the
 * membership's version, through the registry's command executor. Exactly once: the
 * earned event's id is derived from the accrual's, the executor answers an accrual whose
 * event is already applied without deciding again (a lasting guard, past JetStream's
 * duplicate window), and a republish within the window is deduped by that id. A refusal
 * (membership not yet applied, balance limit) fails the delivery: it is retried, then
 * dead-lettered with its reason.
 */
import {
  derivedEventId,
  LoyaltyPointsAccruedV1,
  LoyaltyPointsEarnedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import type { ConsumedEvent, Reactor } from '@chargeledger/platform/eventstore';
import { decideLoyaltyMembership } from '@chargeledger/registry/domain';
import { runAsTenant } from '@chargeledger/shared/tenancy';
import type { RegistryCommandExecutor } from '../commands/registry-command.executor';
import { LOYALTY_MEMBERSHIPS } from '../state/registry-aggregates';

export const REGISTRY_LOYALTY_ACCRUALS_CONSUMER = 'registry-loyalty-accruals';

export class LoyaltyAccrualReactor implements Reactor {
  constructor(private readonly executor: RegistryCommandExecutor) {}

  async react({ envelope }: ConsumedEvent): Promise<readonly EventEnvelope[]> {
    if (envelope.type !== LoyaltyPointsAccruedV1.type) return [];
    const { driverId, points } = LoyaltyPointsAccruedV1.schema.parse(envelope.data);
    const earnedId = derivedEventId(envelope.id, LoyaltyPointsEarnedV1.type, 0);
    await runAsTenant(envelope.operatorid, () =>
      this.executor.execute(
        {
          spec: LOYALTY_MEMBERSHIPS,
          id: driverId,
          // Keyed: an accrual already credited is answered from state, never decided again.
          idempotencyKey: envelope.id,
          decide: (state) =>
            decideLoyaltyMembership(
              { type: 'EarnLoyaltyPoints', driverId, points, reason: 'CHARGING_SESSION' },
              state,
            ),
        },
        earnedId,
      ),
    );
    return [];
  }
}
