/**
 * Sets the limits of a scope: load → decide → append with the loaded stream sequence as
 * the expectation (reloading on a conflict, bounded), then wait, bounded, until the
 * rating-session-limits projection has applied it so the response reads the caller's
 * own write. Idempotency as for tariff versions (tariff-command.executor.ts): the event id
 * is `commandEventId(Idempotency-Key, operator)`; a retry whose event is applied is
 * answered from current state (it must address the same scope, or the key was reused).
 */
import { Injectable } from '@nestjs/common';
import {
  commandEventId,
  createEnvelope,
  SessionLimitsSetV1,
  Subjects,
} from '@chargeledger/contracts';
import {
  DEFAULT_APPENDER_OPTIONS,
  EventAppender,
  executeAggregateCommand,
} from '@chargeledger/platform/eventstore';
import { NatsResource } from '@chargeledger/platform/service';
import {
  decideSessionLimits,
  RatingRefusal,
  type SetSessionLimits,
} from '@chargeledger/rating/domain';
import { currentTraceparent } from '@chargeledger/shared/observability';
import { requireTenant } from '@chargeledger/shared/tenancy';
import { IdempotencyKeyReusedError, ProjectionLagError } from '../tariffs/tariff-command.errors';
import { limitsAggregateId, SessionLimitsStore } from './session-limits.store';

const ATTEMPTS_MAX = 3;
const RELOAD_DELAY_MS = 50;
const PROJECTION_WAIT_MS = 5_000;
const PROJECTION_POLL_MS = 20;

export type SessionLimitsRequest = Omit<SetSessionLimits, 'type'>;

@Injectable()
export class SessionLimitsExecutor {
  private appenderInstance: EventAppender | undefined;

  constructor(
    private readonly nats: NatsResource,
    private readonly store: SessionLimitsStore,
  ) {}

  /** Made on first use: NATS connects after the providers are constructed. */
  private get appender(): EventAppender {
    this.appenderInstance ??= new EventAppender(this.nats.jetstream, DEFAULT_APPENDER_OPTIONS);
    return this.appenderInstance;
  }

  async set(request: SessionLimitsRequest, idempotencyKey: string | undefined): Promise<void> {
    const operatorId = requireTenant();
    const eventId = commandEventId(idempotencyKey, operatorId);
    const aggregateId = limitsAggregateId(request.scope, request.scopeId);
    const keyed = idempotencyKey !== undefined;
    if (keyed && (await this.replayOf(eventId, aggregateId))) return;
    const subject = new Subjects(this.nats.topology.namespace).event({
      context: 'rating',
      operatorId,
      aggregate: SessionLimitsSetV1.aggregate,
      id: aggregateId,
    });
    const time = new Date().toISOString();
    const traceparent = currentTraceparent();
    try {
      await executeAggregateCommand(
        this.appender,
        {
          load: () => this.store.load(request.scope, request.scopeId),
          decide: (command: SetSessionLimits, state) =>
            decideSessionLimits(command, state).map((event) =>
              createEnvelope(SessionLimitsSetV1, {
                id: eventId,
                subject,
                operatorId,
                time,
                data: event.data,
                correlationId: eventId,
                ...(traceparent === undefined ? {} : { traceparent }),
              }),
            ),
        },
        { ...request, type: 'SetSessionLimits' },
        { attemptsMax: ATTEMPTS_MAX, reloadDelayMs: RELOAD_DELAY_MS },
      );
    } catch (error) {
      // The first attempt may have been applied between our check and our load.
      if (keyed && error instanceof RatingRefusal && (await this.replayOf(eventId, aggregateId)))
        return;
      throw error;
    }
    await this.waitUntilApplied(eventId);
    if ((await this.store.aggregateOfEvent(eventId)) !== aggregateId)
      throw new IdempotencyKeyReusedError();
  }

  private async replayOf(eventId: string, aggregateId: string): Promise<boolean> {
    const applied = await this.store.aggregateOfEvent(eventId);
    if (applied === undefined) return false;
    if (applied !== aggregateId) throw new IdempotencyKeyReusedError();
    return true;
  }

  private async waitUntilApplied(eventId: string): Promise<void> {
    const deadline = Date.now() + PROJECTION_WAIT_MS;
    while (!(await this.store.isApplied(eventId))) {
      if (Date.now() >= deadline) throw new ProjectionLagError(eventId, PROJECTION_WAIT_MS);
      await new Promise((resolve) => setTimeout(resolve, PROJECTION_POLL_MS));
    }
  }
}
