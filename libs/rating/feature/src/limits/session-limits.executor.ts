/**
 * Sets the limits of a scope through the aggregate command executor (load, decide with
 * the session-limits decider, append against the scope's subject sequence, wait until the
 * rating-session-limits projection applied it; Idempotency-Key honoured).
 */
import { Injectable } from '@nestjs/common';
import { SessionLimitsSetV1 } from '@chargeledger/contracts';
import { decideSessionLimits, type SetSessionLimits } from '@chargeledger/rating/domain';
import { AggregateCommandExecutor } from '../commands/aggregate-command.executor';
import { limitsAggregateId, SessionLimitsStore } from './session-limits.store';

export type SessionLimitsRequest = Omit<SetSessionLimits, 'type'>;

@Injectable()
export class SessionLimitsExecutor {
  constructor(
    private readonly commands: AggregateCommandExecutor,
    private readonly store: SessionLimitsStore,
  ) {}

  set(request: SessionLimitsRequest, idempotencyKey: string | undefined): Promise<void> {
    const aggregateId = limitsAggregateId(request.scope, request.scopeId);
    return this.commands.execute(
      {
        definition: SessionLimitsSetV1,
        aggregateId,
        aggregateKey: aggregateId,
        command: { ...request, type: 'SetSessionLimits' },
        load: () => this.store.load(request.scope, request.scopeId),
        decide: decideSessionLimits,
      },
      this.store,
      idempotencyKey,
    );
  }
}
