/**
 * Boots the rating service for its tests (see `startServiceUnderTest`), with what a test
 * plays: registry facts and tariff versions published as events (with the envelope time
 * the test says), ingestion's session events, the operator API as the operator in the
 * path, and readers of rating's session-rating events and tables.
 */
import {
  StationRegisteredV1,
  StationTariffAssignedV1,
  TariffVersionPublishedV1,
  type EventData,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { startServiceUnderTest, type ServiceUnderTest } from '@chargeledger/service-testing';
import { RATING_PROBLEMS } from '../http/rating-refusal.problem';
import { RATING_MIGRATIONS } from '../migrations/rating.migrations';
import { RatingModule } from '../rating.module';

export type { Reply } from '@chargeledger/service-testing';

export interface RatingFixture extends ServiceUnderTest {
  /** The live schema of rating's tables. */
  readonly schema: string;
  publishTariffVersion(
    operatorId: string,
    data: EventData<typeof TariffVersionPublishedV1>,
    time: string,
  ): Promise<void>;
  /**
   * Registers a 50 kW DC station in Europe/Paris at `registeredAt` and, given price
   * components, publishes tariff `T-<stationId>` v1 (EUR, valid from then) and assigns it.
   */
  stationWithTariff(
    operatorId: string,
    stationId: string,
    registeredAt: string,
    priceComponents?: readonly Record<string, unknown>[],
  ): Promise<void>;
  /** Appends envelopes as they are; `msgId` overrides Nats-Msg-Id (a copy past the window). */
  append(events: readonly EventEnvelope[], msgId?: string): Promise<void>;
  /** Every `session-rating` event so far, in stream order. */
  ratings(): Promise<EventEnvelope[]>;
  /** Waits until `count` session-rating events exist (or fails after `timeoutMs`). */
  waitForRatings(count: number, timeoutMs?: number): Promise<EventEnvelope[]>;
}

export async function startRating(): Promise<RatingFixture> {
  const underTest = await startServiceUnderTest((env) => ({
    app: 'rating',
    httpPort: 3003,
    module: RatingModule.register(env),
    migrations: RATING_MIGRATIONS,
    problems: RATING_PROBLEMS,
  }));
  const js = underTest.connection.jetstream();
  const isRating = (event: EventEnvelope): boolean => event.subject.includes('.session-rating.');
  return {
    ...underTest,
    schema: `${underTest.suite.schemaPrefix}rating`,
    publishTariffVersion: async (operatorId, data, time) => {
      await underTest.publish(
        TariffVersionPublishedV1,
        { operatorId, aggregateId: data.tariffId, time },
        data,
      );
    },
    stationWithTariff: async (operatorId, stationId, registeredAt, priceComponents) => {
      const at = { operatorId, aggregateId: stationId, time: registeredAt };
      await underTest.publish(StationRegisteredV1, at, {
        stationId,
        siteId: 'site-1',
        ocppVersion: '2.0.1',
        timeZone: 'Europe/Paris',
        evses: [
          { evseId: 1, connectors: [{ connectorId: 1, powerType: 'DC', maxPowerW: 50_000 }] },
        ],
        credentialsRef: `station-${stationId}`,
      });
      if (priceComponents === undefined) return;
      const tariffId = `T-${stationId}`;
      await underTest.publish(
        TariffVersionPublishedV1,
        { operatorId, aggregateId: tariffId, time: registeredAt },
        {
          tariffId,
          version: 1,
          currency: 'EUR',
          validFrom: registeredAt,
          validTo: null,
          tariff: {
            id: tariffId,
            currency: 'EUR',
            elements: [{ price_components: priceComponents }],
          },
        },
      );
      await underTest.publish(StationTariffAssignedV1, at, { stationId, tariffId });
    },
    append: async (events, msgId) => {
      for (const event of events)
        await js.publish(event.subject, JSON.stringify(event), { msgID: msgId ?? event.id });
    },
    ratings: () => underTest.streamEvents('EVT_RATING', isRating),
    waitForRatings: (count, timeoutMs) =>
      underTest.waitForStreamEvents('EVT_RATING', count, isRating, timeoutMs),
  };
}
