/**
 * Runs an operator's command on one of rating's aggregates (a tariff, the session limits
 * of a scope): load → decide → append with the loaded stream sequence as the expectation
 * (reloading on a conflict, bounded), then wait, bounded, until rating's projection of
 * that aggregate has applied the event, so the response reads the caller's own write.
 *
 * Idempotency: the event id is `commandEventId(Idempotency-Key, operator)`. A retry whose
 * event is already applied is answered from current state without deciding again (it
 * must address the same aggregate, or the key was reused); one that races the first
 * attempt produces the same id, which JetStream dedupes.
 */
import { Injectable } from '@nestjs/common';
import {
  commandEventId,
  createEnvelope,
  Subjects,
  type EventDefinition,
} from '@chargeledger/contracts';
import {
  DEFAULT_APPENDER_OPTIONS,
  EventAppender,
  executeAggregateCommand,
  type LoadedAggregate,
} from '@chargeledger/platform/eventstore';
import { waitUntilProjected } from '@chargeledger/platform/http';
import { NatsResource } from '@chargeledger/platform/service';
import { RatingRefusal } from '@chargeledger/rating/domain';
import { currentTraceparent } from '@chargeledger/shared/observability';
import { requireTenant } from '@chargeledger/shared/tenancy';
import { IdempotencyKeyReusedError } from './aggregate-command.errors';

const ATTEMPTS_MAX = 3;
const RELOAD_DELAY_MS = 50;

export interface AggregateCommand<C, S, T> {
  /** The event the command appends; its aggregate names the subject. */
  readonly definition: EventDefinition<string, T>;
  /** The aggregate's id in its subject. */
  readonly aggregateId: string;
  /** The aggregate as `applied.aggregateOfEvent` names it. */
  readonly aggregateKey: string;
  readonly command: C;
  readonly load: () => Promise<LoadedAggregate<S>>;
  /** Pure: the events' data, or a RatingRefusal. */
  readonly decide: (command: C, state: S) => readonly { readonly data: T }[];
}

/** What rating's projection of the aggregate has applied. */
export interface AppliedEvents {
  /** The aggregate an applied event belongs to; undefined while it is not applied. */
  aggregateOfEvent(eventId: string): Promise<string | undefined>;
  isApplied(eventId: string): Promise<boolean>;
}

@Injectable()
export class AggregateCommandExecutor {
  private appenderInstance: EventAppender | undefined;

  constructor(private readonly nats: NatsResource) {}

  /** Made on first use: NATS connects after the providers are constructed. */
  private get appender(): EventAppender {
    this.appenderInstance ??= new EventAppender(this.nats.jetstream, DEFAULT_APPENDER_OPTIONS);
    return this.appenderInstance;
  }

  async execute<C, S, T>(
    request: AggregateCommand<C, S, T>,
    applied: AppliedEvents,
    idempotencyKey: string | undefined,
  ): Promise<void> {
    const operatorId = requireTenant();
    const eventId = commandEventId(idempotencyKey, operatorId);
    const keyed = idempotencyKey !== undefined;
    const replayed = async () => {
      const aggregate = await applied.aggregateOfEvent(eventId);
      if (aggregate === undefined) return false;
      if (aggregate !== request.aggregateKey) throw new IdempotencyKeyReusedError();
      return true;
    };
    if (keyed && (await replayed())) return;
    const { definition } = request;
    const subject = new Subjects(this.nats.topology.namespace).event({
      context: definition.context,
      operatorId,
      aggregate: definition.aggregate,
      id: request.aggregateId,
    });
    const time = new Date().toISOString();
    const traceparent = currentTraceparent();
    try {
      await executeAggregateCommand(
        this.appender,
        {
          load: request.load,
          decide: (command: C, state: S) =>
            request.decide(command, state).map((event) =>
              createEnvelope(definition, {
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
        request.command,
        { attemptsMax: ATTEMPTS_MAX, reloadDelayMs: RELOAD_DELAY_MS },
      );
    } catch (error) {
      // The first attempt may have been applied between our check and our load.
      if (keyed && error instanceof RatingRefusal && (await replayed())) return;
      throw error;
    }
    await waitUntilProjected('RATING', eventId, (id) => applied.isApplied(id));
    if ((await applied.aggregateOfEvent(eventId)) !== request.aggregateKey)
      throw new IdempotencyKeyReusedError();
  }
}
