/**
 * What a service's workers build their consumers from, written once: the service's
 * consumer specs (a durable missing from its topology is a wiring error, thrown at boot),
 * one dead-letter store, and runners wired to the service's NATS, Postgres, event
 * catalog and logger. How each runner batches, orders and backs off stays the caller's.
 * Use it from `onApplicationBootstrap`: NATS is connected by then.
 */
import { Inject, Injectable } from '@nestjs/common';
import { eventCatalog, Subjects, type ConsumerSpec } from '@chargeledger/contracts';
import {
  DeadLetterStore,
  ProjectionRunner,
  ReactorRunner,
  type ProjectionRunnerOptions,
  type ReactorRunnerOptions,
} from '@chargeledger/platform/eventstore';
import type { Logger } from '@chargeledger/shared/observability';
import { DatabaseResource } from './database.resource';
import { NatsResource } from './nats.resource';
import { SERVICE_LOGGER } from './tokens';

/** What the service wires into every runner; the rest of a runner's options are its own. */
type Wired = 'js' | 'dataSource' | 'catalog' | 'deadLetters' | 'stream' | 'durable' | 'maxDeliver';
export type ProjectionSettings = Omit<ProjectionRunnerOptions, Wired | 'projection' | 'log'>;
export type ReactorSettings = Omit<ReactorRunnerOptions, Wired | 'reactor' | 'log'>;

export type ConsumerLog = (event: string, detail: Record<string, unknown>) => void;

@Injectable()
export class ServiceConsumers {
  private deadLetterStore: DeadLetterStore | undefined;

  /** Runners report what they cannot handle (a dead letter, a failed batch) as warnings. */
  readonly log: ConsumerLog = (event, detail) => {
    this.logger.warn(detail, event);
  };

  constructor(
    private readonly nats: NatsResource,
    private readonly database: DatabaseResource,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** The service's spec of `durable`. */
  spec(durable: string): ConsumerSpec {
    const spec = this.nats.topology.consumers.find((c) => c.durable === durable);
    if (spec === undefined) throw new Error(`${durable} is not in the topology`);
    return spec;
  }

  /** Every consumer spec of the service, e.g. to pick its partitioned durables. */
  get specs(): readonly ConsumerSpec[] {
    return this.nats.topology.consumers;
  }

  /** The full name of the stream a spec consumes (with the namespace's prefix). */
  streamOf(spec: ConsumerSpec): string {
    return `${this.nats.topology.namespace.streamPrefix}${spec.stream}`;
  }

  get deadLetters(): DeadLetterStore {
    this.deadLetterStore ??= new DeadLetterStore(
      this.database.dataSource,
      this.nats.jetstream,
      new Subjects(this.nats.topology.namespace),
    );
    return this.deadLetterStore;
  }

  projectionRunner(
    spec: ConsumerSpec,
    projection: ProjectionRunnerOptions['projection'],
    settings: ProjectionSettings,
  ): ProjectionRunner {
    return new ProjectionRunner({ ...this.wiring(spec), projection, ...settings });
  }

  reactorRunner(
    spec: ConsumerSpec,
    reactor: ReactorRunnerOptions['reactor'],
    settings: ReactorSettings,
  ): ReactorRunner {
    return new ReactorRunner({ ...this.wiring(spec), reactor, ...settings });
  }

  private wiring(spec: ConsumerSpec) {
    return {
      js: this.nats.jetstream,
      dataSource: this.database.dataSource,
      catalog: eventCatalog,
      deadLetters: this.deadLetters,
      stream: this.streamOf(spec),
      durable: spec.durable,
      maxDeliver: spec.maxDeliver,
      log: this.log,
    };
  }
}
