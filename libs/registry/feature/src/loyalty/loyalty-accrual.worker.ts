/**
 * Runs the loyalty accrual reactor (`registry-loyalty-accruals` on EVT_RATING's
 * `loyalty-points` subjects) while the service is up: it starts after every module is
 * initialised and stops, finishing the batch in flight, before NATS and Postgres close.
 * Accruals of different members are independent, so replicas share the durable.
 */
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  DEFAULT_APPENDER_OPTIONS,
  EventAppender,
  type ReactorRunner,
} from '@chargeledger/platform/eventstore';
import { NatsResource, ServiceConsumers } from '@chargeledger/platform/service';
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
    private readonly consumers: ServiceConsumers,
    private readonly nats: NatsResource,
    private readonly executor: RegistryCommandExecutor,
  ) {}

  onApplicationBootstrap(): void {
    const { consumers } = this;
    this.runner = consumers.reactorRunner(
      consumers.spec(REGISTRY_LOYALTY_ACCRUALS_CONSUMER),
      new LoyaltyAccrualReactor(this.executor),
      {
        appender: new EventAppender(this.nats.jetstream, DEFAULT_APPENDER_OPTIONS),
        ordered: false,
        batchSizeMax: BATCH_SIZE_MAX,
        fetchExpiresMs: FETCH_EXPIRES_MS,
        nakDelayMs: NAK_DELAY_MS,
        errorBackoffMaxMs: ERROR_BACKOFF_MAX_MS,
      },
    );
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner?.stop();
  }
}
