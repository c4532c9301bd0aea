/**
 * Publishes a tariff version through the aggregate command executor (load, decide with
 * the tariff decider, append against the tariff's subject sequence, wait until the
 * rating-tariffs projection applied it; Idempotency-Key honoured).
 */
import { Injectable } from '@nestjs/common';
import { canonicalId, TariffVersionPublishedV2 } from '@chargeledger/contracts';
import { decideTariff, type PublishTariffVersion } from '@chargeledger/rating/domain';
import { AggregateCommandExecutor } from '../commands/aggregate-command.executor';
import { TariffStore } from './tariff.store';

export type TariffVersionRequest = Omit<PublishTariffVersion, 'type' | 'now'>;

@Injectable()
export class TariffCommandExecutor {
  constructor(
    private readonly commands: AggregateCommandExecutor,
    private readonly store: TariffStore,
  ) {}

  publish(request: TariffVersionRequest, idempotencyKey: string | undefined): Promise<void> {
    return this.commands.execute(
      {
        definition: TariffVersionPublishedV2,
        aggregateId: request.tariffId,
        aggregateKey: canonicalId(request.tariffId),
        command: { ...request, type: 'PublishTariffVersion', now: new Date().toISOString() },
        load: () => this.store.load(request.tariffId),
        decide: decideTariff,
      },
      {
        aggregateOfEvent: (eventId) => this.store.tariffKeyOfEvent(eventId),
        isApplied: (eventId) => this.store.isApplied(eventId),
      },
      idempotencyKey,
    );
  }
}
