/**
 * Runs the loyalty accrual reactor (`registry-loyalty-accruals` on EVT_RATING's
 * `loyalty-points` subjects) while the service is up: it starts after every module is
 * initialised and stops, finishing the batch in flight, before NATS and Postgres close.
 * Accruals of different members are independent, so replicas share the durable.
 */
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { consumerSpecsOf, eventCatalog, Subjects } from '@chargeledger/contracts';
import {
  DEFAULT_APPENDER_OPTIONS,
  DeadLetterStore,
  EventAppender,
  ReactorRunner,
} from '@chargeledger/platform/eventstore';
import { DatabaseResource, NatsResource, SERVICE_LOGGER } from '@chargeledger/platform/service';
import type { Logger } from '@chargeledger/shared/observability';
import { RegistryCommandExecutor } from '../commands/registry-command.executor';
import {
  LoyaltyAccrualReactor,
  REGISTRY_LOYALTY_ACCRUALS_CONSUMER,
} from './loyalty-accrual.reactor';

/** Each accrual waits for the registry state to apply its credit: small batches. */
const BATCH_SIZE_MAX = 16;
const FETCH_EXPIRES_MS = 1_000;
const NAK_DELAY_MS = 1_000;
const ERROR_BACKOFF_MAX_MS = 5_000;

@Injectable()
export class LoyaltyAccrualWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private runner: ReactorRunner | undefined;

  constructor(
    private readonly nats: NatsResource,
    private readonly database: DatabaseResource,
    private readonly executor: RegistryCommandExecutor,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const namespace = this.nats.topology.namespace;
    const spec = consumerSpecsOf('registry', namespace).find(
      (c) => c.durable === REGISTRY_LOYALTY_ACCRUALS_CONSUMER,
    );
    if (spec === undefined)
      throw new Error(`${REGISTRY_LOYALTY_ACCRUALS_CONSUMER} is not in the topology`);
    const js = this.nats.jetstream;
    const dataSource = this.database.dataSource;
    this.runner = new ReactorRunner({
      js,
      dataSource,
      catalog: eventCatalog,
      deadLetters: new DeadLetterStore(dataSource, js, new Subjects(namespace)),
      appender: new EventAppender(js, DEFAULT_APPENDER_OPTIONS),
      reactor: new LoyaltyAccrualReactor(this.executor),
      stream: `${namespace.streamPrefix}${spec.stream}`,
      durable: spec.durable,
      maxDeliver: spec.maxDeliver,
      ordered: false,
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
