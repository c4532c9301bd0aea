/**
 * How the registry's aggregates meet storage and the log: each aggregate's table, state
 * schema and evolve, the event definition of each domain event, and the routing of a
 * decoded envelope back to its aggregate and domain event.
 */
import type { z } from 'zod';
import {
  CustomerAccountDunningEndedV1,
  CustomerAccountDunningStartedV1,
  CustomerAccountOpenedV1,
  DriverPersonalDataErasedV1,
  DriverRegisteredV1,
  SiteRegisteredV1,
  StationRegisteredV1,
  StationTariffAssignedV1,
  TokenBlockedV1,
  TokenIssuedV1,
  TokenUnblockedV1,
  type EventDefinition,
  type EventEnvelope,
} from '@chargeledger/contracts';
import {
  customerAccountInitialState,
  customerAccountStateSchema,
  driverInitialState,
  driverStateSchema,
  evolveCustomerAccount,
  evolveDriver,
  evolveSite,
  evolveStation,
  evolveToken,
  siteInitialState,
  siteStateSchema,
  stationInitialState,
  stationStateSchema,
  tokenInitialState,
  tokenStateSchema,
  type CustomerAccountEvent,
  type DriverEvent,
  type SiteEvent,
  type StationEvent,
  type TokenEvent,
} from '@chargeledger/registry/domain';

export interface AggregateSpec<S, E> {
  /** The subject's aggregate word, as in the event definitions. */
  readonly aggregate: string;
  readonly table: string;
  readonly schema: z.ZodType<S>;
  readonly initialState: S;
  evolve(state: S, event: E): S;
}

export const SITES: AggregateSpec<z.infer<typeof siteStateSchema>, SiteEvent> = {
  aggregate: 'site',
  table: 'sites_v1',
  schema: siteStateSchema,
  initialState: siteInitialState,
  evolve: evolveSite,
};
export const STATIONS: AggregateSpec<z.infer<typeof stationStateSchema>, StationEvent> = {
  aggregate: 'station',
  table: 'stations_v1',
  schema: stationStateSchema,
  initialState: stationInitialState,
  evolve: evolveStation,
};
export const ACCOUNTS: AggregateSpec<
  z.infer<typeof customerAccountStateSchema>,
  CustomerAccountEvent
> = {
  aggregate: 'customer-account',
  table: 'customer_accounts_v1',
  schema: customerAccountStateSchema,
  initialState: customerAccountInitialState,
  evolve: evolveCustomerAccount,
};
export const DRIVERS: AggregateSpec<z.infer<typeof driverStateSchema>, DriverEvent> = {
  aggregate: 'driver',
  table: 'drivers_v1',
  schema: driverStateSchema,
  initialState: driverInitialState,
  evolve: evolveDriver,
};
export const TOKENS: AggregateSpec<z.infer<typeof tokenStateSchema>, TokenEvent> = {
  aggregate: 'token',
  table: 'tokens_v1',
  schema: tokenStateSchema,
  initialState: tokenInitialState,
  evolve: evolveToken,
};

export type RegistryEvent =
  SiteEvent | StationEvent | CustomerAccountEvent | DriverEvent | TokenEvent;

export const DEFINITION_OF: { readonly [K in RegistryEvent['type']]: EventDefinition } = {
  SiteRegistered: SiteRegisteredV1,
  StationRegistered: StationRegisteredV1,
  StationTariffAssigned: StationTariffAssignedV1,
  CustomerAccountOpened: CustomerAccountOpenedV1,
  CustomerAccountDunningStarted: CustomerAccountDunningStartedV1,
  CustomerAccountDunningEnded: CustomerAccountDunningEndedV1,
  DriverRegistered: DriverRegisteredV1,
  DriverPersonalDataErased: DriverPersonalDataErasedV1,
  TokenIssued: TokenIssuedV1,
  TokenBlocked: TokenBlockedV1,
  TokenUnblocked: TokenUnblockedV1,
};

export type RoutedEvent =
  | { readonly aggregate: 'site'; readonly id: string; readonly event: SiteEvent }
  | { readonly aggregate: 'station'; readonly id: string; readonly event: StationEvent }
  | { readonly aggregate: 'account'; readonly id: string; readonly event: CustomerAccountEvent }
  | { readonly aggregate: 'driver'; readonly id: string; readonly event: DriverEvent }
  | { readonly aggregate: 'token'; readonly id: string; readonly event: TokenEvent };

/** The domain event of a decoded registry envelope (its data is validated again here). */
export function routeEvent(envelope: EventEnvelope): RoutedEvent {
  const { type, data } = envelope;
  switch (type) {
    case SiteRegisteredV1.type: {
      const parsed = SiteRegisteredV1.schema.parse(data);
      return {
        aggregate: 'site',
        id: parsed.siteId,
        event: { type: 'SiteRegistered', data: parsed },
      };
    }
    case StationRegisteredV1.type: {
      const parsed = StationRegisteredV1.schema.parse(data);
      const event = { type: 'StationRegistered', data: parsed } as const;
      return { aggregate: 'station', id: parsed.stationId, event };
    }
    case StationTariffAssignedV1.type: {
      const parsed = StationTariffAssignedV1.schema.parse(data);
      const event = { type: 'StationTariffAssigned', data: parsed } as const;
      return { aggregate: 'station', id: parsed.stationId, event };
    }
    case CustomerAccountOpenedV1.type: {
      const parsed = CustomerAccountOpenedV1.schema.parse(data);
      const event = { type: 'CustomerAccountOpened', data: parsed } as const;
      return { aggregate: 'account', id: parsed.accountId, event };
    }
    case CustomerAccountDunningStartedV1.type: {
      const parsed = CustomerAccountDunningStartedV1.schema.parse(data);
      const event = { type: 'CustomerAccountDunningStarted', data: parsed } as const;
      return { aggregate: 'account', id: parsed.accountId, event };
    }
    case CustomerAccountDunningEndedV1.type: {
      const parsed = CustomerAccountDunningEndedV1.schema.parse(data);
      const event = { type: 'CustomerAccountDunningEnded', data: parsed } as const;
      return { aggregate: 'account', id: parsed.accountId, event };
    }
    case DriverRegisteredV1.type: {
      const parsed = DriverRegisteredV1.schema.parse(data);
      const event = { type: 'DriverRegistered', data: parsed } as const;
      return { aggregate: 'driver', id: parsed.driverId, event };
    }
    case DriverPersonalDataErasedV1.type: {
      const parsed = DriverPersonalDataErasedV1.schema.parse(data);
      const event = { type: 'DriverPersonalDataErased', data: parsed } as const;
      return { aggregate: 'driver', id: parsed.driverId, event };
    }
    case TokenIssuedV1.type: {
      const parsed = TokenIssuedV1.schema.parse(data);
      return {
        aggregate: 'token',
        id: parsed.tokenId,
        event: { type: 'TokenIssued', data: parsed },
      };
    }
    case TokenBlockedV1.type: {
      const parsed = TokenBlockedV1.schema.parse(data);
      const event = { type: 'TokenBlocked', data: parsed } as const;
      return { aggregate: 'token', id: parsed.tokenId, event };
    }
    case TokenUnblockedV1.type: {
      const parsed = TokenUnblockedV1.schema.parse(data);
      const event = { type: 'TokenUnblocked', data: parsed } as const;
      return { aggregate: 'token', id: parsed.tokenId, event };
    }
    default:
      // Only registry events reach this consumer; anything else is a bug upstream.
      throw new Error(`not a registry event type: ${type}`);
  }
}
