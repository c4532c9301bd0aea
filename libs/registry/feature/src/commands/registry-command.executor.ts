/**
 * Executes a registry command: load → decide → append (with the loaded version as the
 * expectation, reloading on a conflict), then wait, bounded, until the registry-state
 * projection has applied the event so the response reads the caller's own write.
 *
 * Idempotency: the first event's id is `commandEventId(Idempotency-Key, operator)`. A
 * retry whose event is already applied is answered from current state without deciding
 * again; one that races the first attempt produces the same id, which JetStream dedupes.
 * Either way the applied event must be on the same aggregate, or the key was reused for
 * a different command. (A reuse with another request body is refused earlier, by the
 * IdempotentRequestInterceptor; this check also covers keys past the ledger's retention.)
 */
import { Injectable } from '@nestjs/common';
import {
  commandEventId,
  createEnvelope,
  derivedEventId,
  Subjects,
  type EventEnvelope,
} from '@chargeledger/contracts';
import {
  DEFAULT_APPENDER_OPTIONS,
  EventAppender,
  executeAggregateCommand,
} from '@chargeledger/platform/eventstore';
import { IdempotencyKeyReusedError, waitUntilProjected } from '@chargeledger/platform/http';
import { NatsResource } from '@chargeledger/platform/service';
import { RegistryRefusal } from '@chargeledger/registry/domain';
import { currentTraceparent } from '@chargeledger/shared/observability';
import { requireTenant } from '@chargeledger/shared/tenancy';
import {
  DEFINITION_OF,
  type AggregateSpec,
  type RegistryEvent,
} from '../state/registry-aggregates';
import { RegistryStateStore } from '../state/registry-state.store';

const ATTEMPTS_MAX = 3;
const RELOAD_DELAY_MS = 50;

export interface CommandRequest<S, E> {
  readonly spec: AggregateSpec<S, E>;
  readonly id: string;
  readonly idempotencyKey: string | undefined;
  /** Pure: the domain's decide, with everything else the command needs already bound. */
  readonly decide: (state: S) => readonly E[];
}

export interface CommandOutcome {
  readonly eventId: string;
  /** True when an earlier request with the same key already did this. */
  readonly replayed: boolean;
}

@Injectable()
export class RegistryCommandExecutor {
  private appenderInstance: EventAppender | undefined;

  constructor(
    private readonly nats: NatsResource,
    private readonly store: RegistryStateStore,
  ) {}

  /** The id the command's first event gets; handlers use it to mint aggregate ids. */
  eventIdFor(idempotencyKey: string | undefined): string {
    return commandEventId(idempotencyKey, requireTenant());
  }

  async execute<S, E extends RegistryEvent>(
    request: CommandRequest<S, E>,
    eventId: string = this.eventIdFor(request.idempotencyKey),
  ): Promise<CommandOutcome> {
    const operatorId = requireTenant();
    const subject = new Subjects(this.nats.topology.namespace).event({
      context: 'registry',
      operatorId,
      aggregate: request.spec.aggregate,
      id: request.id,
    });
    const keyed = request.idempotencyKey !== undefined;
    if (keyed && (await this.replayOf(eventId, subject))) return { eventId, replayed: true };
    const time = new Date().toISOString();
    const traceparent = currentTraceparent();
    let lastEventId: string | undefined;
    try {
      await executeAggregateCommand(
        this.appender,
        {
          load: () => this.store.load(request.spec, request.id),
          decide: (_: null, state: S): EventEnvelope[] =>
            request.decide(state).map((event, index) => {
              const definition = DEFINITION_OF[event.type];
              const id = index === 0 ? eventId : derivedEventId(eventId, definition.type, index);
              lastEventId = id;
              return createEnvelope(definition, {
                id,
                subject,
                operatorId,
                time,
                data: event.data,
                correlationId: eventId,
                ...(traceparent === undefined ? {} : { traceparent }),
              });
            }),
        },
        null,
        { attemptsMax: ATTEMPTS_MAX, reloadDelayMs: RELOAD_DELAY_MS },
      );
    } catch (error) {
      // The first attempt may have been applied between our check and our load.
      if (keyed && error instanceof RegistryRefusal && (await this.replayOf(eventId, subject)))
        return { eventId, replayed: true };
      throw error;
    }
    if (lastEventId === undefined) return { eventId, replayed: false };
    await this.waitUntilApplied(lastEventId);
    if ((await this.store.appliedEventSubject(eventId)) !== subject)
      throw new IdempotencyKeyReusedError();
    return { eventId, replayed: false };
  }

  private get appender(): EventAppender {
    this.appenderInstance ??= new EventAppender(this.nats.jetstream, DEFAULT_APPENDER_OPTIONS);
    return this.appenderInstance;
  }

  private async replayOf(eventId: string, subject: string): Promise<boolean> {
    const applied = await this.store.appliedEventSubject(eventId);
    if (applied === undefined) return false;
    if (applied !== subject) throw new IdempotencyKeyReusedError();
    return true;
  }

  private async waitUntilApplied(eventId: string): Promise<void> {
    await waitUntilProjected('REGISTRY', eventId, (id) => this.store.isApplied(id));
  }
}
