/**
 * A NestJS transport that binds `@EventPattern('<event type>', JETSTREAM_TRANSPORT)`
 * reactors to JetStream durables. It only wires: at `listen` it checks the handlers
 * (event patterns only, one per known event type) and starts one ReactorRunner per
 * durable, whose reactor calls the handler registered for the event's type with the
 * decoded envelope and publishes the envelopes it returns. Events of other types are
 * recorded as processed with no reaction. Partitioned (`-pNN`) durables run ordered.
 */
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { BaseRpcContext } from '@nestjs/microservices/ctx-host/base-rpc.context';
import { isObservable, lastValueFrom } from 'rxjs';
import type { ConsumerSpec, EventEnvelope, Namespace } from '@chargeledger/contracts';
import type { ConsumedEvent } from '../consume/consumed-event';
import type { Reactor } from '../consume/reactor';
import {
  ReactorRunner,
  type ReactorDependencies,
  type ReactorRunnerSettings,
} from '../consume/reactor-runner';

/** Tag for `@EventPattern(type, JETSTREAM_TRANSPORT)`: only this transport binds the handler. */
export const JETSTREAM_TRANSPORT = Symbol('JETSTREAM_TRANSPORT');

/** What a handler gets as its second argument (`@Ctx()`): the event and its stream position. */
export class JetStreamEventContext extends BaseRpcContext<[ConsumedEvent]> {
  get event(): ConsumedEvent {
    return this.args[0];
  }
}

export interface JetStreamTransportOptions {
  readonly namespace: Namespace;
  /** The durables to run, e.g. `durablesToRun(consumerSpecsOf(app, ns), assignment)`. */
  readonly consumers: readonly ConsumerSpec[];
  readonly settings: Omit<ReactorRunnerSettings, 'ordered'>;
  /**
   * Resolved at `listen`: NATS and Postgres resources are ready only after module init,
   * so call `app.init()` before `startAllMicroservices()` in a hybrid app.
   */
  readonly dependencies: () => ReactorDependencies;
}

// A type alias, not an interface: Nest's events map needs an implicit index signature.
export type JetStreamTransportEvents = {
  /** Every runner event (batch failures, dead letters), with its detail. */
  event: (name: string, detail: Record<string, unknown>) => void;
};

export type JetStreamTransportStatus = 'listening' | 'closed';

export class JetStreamTransport
  extends Server<JetStreamTransportEvents, JetStreamTransportStatus>
  implements CustomTransportStrategy
{
  private runners: ReactorRunner[] = [];
  private readonly listeners: JetStreamTransportEvents['event'][] = [];

  constructor(private readonly options: JetStreamTransportOptions) {
    super();
    this.transportId = JETSTREAM_TRANSPORT;
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    try {
      this.start();
      this._status$.next('listening');
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    const runners = this.runners;
    this.runners = [];
    await Promise.all(runners.map((runner) => runner.stop()));
    this._status$.next('closed');
  }

  on<K extends keyof JetStreamTransportEvents>(
    event: K,
    callback: JetStreamTransportEvents[K],
  ): void {
    // 'event' is the only key of JetStreamTransportEvents.
    this.listeners.push(callback);
  }

  /** The running reactor runners. Nest's `unwrap<T>` is generic by contract, hence the cast. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- Nest's signature
  unwrap<T>(): T {
    if (this.runners.length === 0) throw new Error('JetStreamTransport is not listening');
    return this.runners as T;
  }

  private start(): void {
    if (this.runners.length > 0) throw new Error('JetStreamTransport is already listening');
    const dependencies = this.options.dependencies();
    this.checkHandlers(dependencies);
    const log = (name: string, detail: Record<string, unknown>): void => {
      dependencies.log(name, detail);
      for (const listener of this.listeners) listener(name, detail);
    };
    const reactor: Reactor = { react: (event) => this.react(event, dependencies) };
    this.runners = this.options.consumers.map(
      (spec) =>
        new ReactorRunner({
          ...dependencies,
          ...this.options.settings,
          log,
          reactor,
          ordered: spec.partition !== undefined,
          stream: `${this.options.namespace.streamPrefix}${spec.stream}`,
          durable: spec.durable,
          maxDeliver: spec.maxDeliver,
        }),
    );
    for (const runner of this.runners) runner.start();
  }

  private checkHandlers({ catalog }: ReactorDependencies): void {
    if (this.options.consumers.length === 0 && this.messageHandlers.size > 0)
      throw new Error('JetStreamTransport has reactors but no durables to run them on');
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler !== true)
        throw new Error(`${pattern}: use @EventPattern; JetStream reactors do not reply`);
      if (handler.next !== undefined)
        throw new Error(`${pattern}: one reactor per event type on this transport`);
      if (catalog.definitionOf(pattern) === undefined)
        throw new Error(`${pattern}: not an event type of the catalog`);
    }
  }

  private async react(
    event: ConsumedEvent,
    { catalog }: ReactorDependencies,
  ): Promise<EventEnvelope[]> {
    const handler = this.getHandlerByPattern(event.envelope.type);
    if (handler === null) return [];
    let result: unknown = await handler(event.envelope, new JetStreamEventContext([event]));
    // Nest's exception layer logs a handler's error and emits a generic error object.
    if (isObservable(result))
      result = await lastValueFrom(result, { defaultValue: undefined }).catch((error: unknown) => {
        throw new Error(`reactor for ${event.envelope.type} failed: ${JSON.stringify(error)}`);
      });
    if (result === undefined || result === null) return [];
    if (!Array.isArray(result))
      throw new Error(`reactor for ${event.envelope.type} must return an array of envelopes`);
    // Handlers are typed loosely by Nest: validate what they return before it is published.
    return result.map((output: unknown) => catalog.decodeValue(output));
  }
}
