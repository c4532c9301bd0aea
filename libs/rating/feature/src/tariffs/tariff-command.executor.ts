/**
 * Publishes a tariff version: load → decide → append with the loaded stream sequence as
 * the expectation (reloading on a conflict, bounded), then wait, bounded, until the
 * rating-tariffs projection has applied it so the response reads the caller's own write.
 *
 * Idempotency: the event id is `commandEventId(Idempotency-Key, operator)`. A retry whose
 * event is already applied is answered from current state without deciding again (it
 * must name the same tariff, or the key was reused); one that races the first attempt
 * produces the same id, which JetStream dedupes.
 */
import { Injectable } from '@nestjs/common';
import {
  canonicalId,
  commandEventId,
  createEnvelope,
  Subjects,
  TariffVersionPublishedV2,
} from '@chargeledger/contracts';
import {
  DEFAULT_APPENDER_OPTIONS,
  EventAppender,
  executeAggregateCommand,
} from '@chargeledger/platform/eventstore';
import { NatsResource } from '@chargeledger/platform/service';
import {
  decideTariff,
  RatingRefusal,
  type PublishTariffVersion,
} from '@chargeledger/rating/domain';
import { currentTraceparent } from '@chargeledger/shared/observability';
import { requireTenant } from '@chargeledger/shared/tenancy';
import { IdempotencyKeyReusedError, ProjectionLagError } from './tariff-command.errors';
import { TariffStore } from './tariff.store';

const ATTEMPTS_MAX = 3;
const RELOAD_DELAY_MS = 50;
const PROJECTION_WAIT_MS = 5_000;
const PROJECTION_POLL_MS = 20;

export type TariffVersionRequest = Omit<PublishTariffVersion, 'type' | 'now'>;

@Injectable()
export class TariffCommandExecutor {
  private appenderInstance: EventAppender | undefined;

  constructor(
    private readonly nats: NatsResource,
    private readonly store: TariffStore,
  ) {}

  /** Made on first use: NATS connects after the providers are constructed. */
  private get appender(): EventAppender {
    this.appenderInstance ??= new EventAppender(this.nats.jetstream, DEFAULT_APPENDER_OPTIONS);
    return this.appenderInstance;
  }

  async publish(request: TariffVersionRequest, idempotencyKey: string | undefined): Promise<void> {
    const operatorId = requireTenant();
    const eventId = commandEventId(idempotencyKey, operatorId);
    const keyed = idempotencyKey !== undefined;
    if (keyed && (await this.replayOf(eventId, request.tariffId))) return;
    const subject = new Subjects(this.nats.topology.namespace).event({
      context: 'rating',
      operatorId,
      aggregate: 'tariff',
      id: request.tariffId,
    });
    const now = new Date().toISOString();
    const traceparent = currentTraceparent();
    try {
      await executeAggregateCommand(
        this.appender,
        {
          load: () => this.store.load(request.tariffId),
          decide: (command: PublishTariffVersion, state) =>
            decideTariff(command, state).map((event) =>
              createEnvelope(TariffVersionPublishedV2, {
                id: eventId,
                subject,
                operatorId,
                time: now,
                data: event.data,
                correlationId: eventId,
                ...(traceparent === undefined ? {} : { traceparent }),
              }),
            ),
        },
        { ...request, type: 'PublishTariffVersion', now },
        { attemptsMax: ATTEMPTS_MAX, reloadDelayMs: RELOAD_DELAY_MS },
      );
    } catch (error) {
      // The first attempt may have been applied between our check and our load.
      if (
        keyed &&
        error instanceof RatingRefusal &&
        (await this.replayOf(eventId, request.tariffId))
      )
        return;
      throw error;
    }
    await this.waitUntilApplied(eventId);
    if ((await this.store.tariffKeyOfEvent(eventId)) !== canonicalId(request.tariffId))
      throw new IdempotencyKeyReusedError();
  }

  private async replayOf(eventId: string, tariffId: string): Promise<boolean> {
    const applied = await this.store.tariffKeyOfEvent(eventId);
    if (applied === undefined) return false;
    if (applied !== canonicalId(tariffId)) throw new IdempotencyKeyReusedError();
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
