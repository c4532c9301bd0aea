/**
 * Runs the registry-state projection on its durable while the service is up. It starts
 * after every module is initialised (NATS connected, migrations applied) and stops
 * before NATS and Postgres close.
 */
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ProjectionRunner } from '@chargeledger/platform/eventstore';
import { ServiceConsumers } from '@chargeledger/platform/service';
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

  constructor(private readonly consumers: ServiceConsumers) {}

  onApplicationBootstrap(): void {
    const { consumers } = this;
    this.runner = consumers.projectionRunner(
      consumers.spec(REGISTRY_STATE_CONSUMER),
      new RegistryStateProjection(),
      {
        ordered: true,
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
