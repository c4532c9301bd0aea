/**
 * Runs the registry-state projection on its durable while the service is up. It starts
 * after every module is initialised (NATS connected, migrations applied) and stops
 * before NATS and Postgres close.
 */
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { consumerSpecsOf, eventCatalog, Subjects } from '@chargeledger/contracts';
import { DeadLetterStore, ProjectionRunner } from '@chargeledger/platform/eventstore';
import { DatabaseResource, NatsResource, SERVICE_LOGGER } from '@chargeledger/platform/service';
import type { Logger } from '@chargeledger/shared/observability';
import { REGISTRY_STATE_CONSUMER, RegistryStateProjection } from './registry-state.projection';

/**
 * A pull request stays open until its batch is full or it expires (nats.js: >= 1 s), so
 * a batch of one lets a command read its own write within a round trip. Registry writes
 * are operator-paced; the consumer keeps one message in flight for ordering anyway.
 */
const BATCH_SIZE_MAX = 1;
const FETCH_EXPIRES_MS = 1_000;
const NAK_DELAY_MS = 500;
const ERROR_BACKOFF_MAX_MS = 5_000;

@Injectable()
export class RegistryStateWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private runner: ProjectionRunner | undefined;

  constructor(
    private readonly nats: NatsResource,
    private readonly database: DatabaseResource,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const namespace = this.nats.topology.namespace;
    const spec = consumerSpecsOf('registry', namespace).find(
      (c) => c.durable === REGISTRY_STATE_CONSUMER,
    );
    if (spec === undefined) throw new Error(`${REGISTRY_STATE_CONSUMER} is not in the topology`);
    const js = this.nats.jetstream;
    const dataSource = this.database.dataSource;
    this.runner = new ProjectionRunner({
      js,
      dataSource,
      catalog: eventCatalog,
      deadLetters: new DeadLetterStore(dataSource, js, new Subjects(namespace)),
      projection: new RegistryStateProjection(),
      stream: `${namespace.streamPrefix}${spec.stream}`,
      durable: spec.durable,
      ordered: true,
      maxDeliver: spec.maxDeliver,
      batchSizeMax: BATCH_SIZE_MAX,
      fetchExpiresMs: FETCH_EXPIRES_MS,
      nakDelayMs: NAK_DELAY_MS,
      errorBackoffMaxMs: ERROR_BACKOFF_MAX_MS,
      log: (event, detail) => this.logger.warn(detail, event),
    });
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner?.stop();
  }
}
