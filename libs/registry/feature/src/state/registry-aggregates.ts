/**
 * How the registry's aggregates meet storage and the log: each aggregate's table, state
 * schema and evolve, and the event definition of each domain event. Routing a decoded
 * envelope back to its aggregate is in `registry-event.route.ts`.
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
  EvseTariffAssignedV1,
  TokenBlockedV1,
  TokenIssuedV1,
  TokenUnblockedV1,
  DriverGroupCreatedV1,
  DriverAddedToGroupV1,
  DriverRemovedFromGroupV1,
  DriverGroupTariffAssignedV2,
  LoyaltyMembershipJoinedV1,
  LoyaltyPointsEarnedV1,
  LoyaltyPointsRedeemedV1,
  LoyaltyPointsRedeemedForCreditV1,
  LoyaltyTierChangedV1,
  OperatorCreatedV1,
  OperatorRenamedV1,
  OperatorSettingsChangedV1,
  type EventDefinition,
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
  driverGroupInitialState,
  driverGroupStateSchema,
  evolveDriverGroup,
  evolveLoyaltyMembership,
  loyaltyMembershipInitialState,
  loyaltyMembershipStateSchema,
  type DriverGroupEvent,
  type LoyaltyMembershipEvent,
  evolveOperator,
  operatorInitialState,
  operatorStateSchema,
  type OperatorEvent,
} from '@chargeledger/registry/domain';

export interface AggregateSpec<S, E> {
  /** The subject's aggregate word, as in the event definitions. */
  readonly aggregate: string;
  readonly table: string;
  readonly schema: z.ZodType<S>;
  readonly initialState: S;
  evolve(state: S, event: E): S;
}

/** Addressed by the operator's own id: one row per tenant. */
export const OPERATORS: AggregateSpec<z.infer<typeof operatorStateSchema>, OperatorEvent> = {
  aggregate: 'operator',
  table: 'operators_v1',
  schema: operatorStateSchema,
  initialState: operatorInitialState,
  evolve: evolveOperator,
};
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

export const DRIVER_GROUPS: AggregateSpec<
  z.infer<typeof driverGroupStateSchema>,
  DriverGroupEvent
> = {
  aggregate: 'driver-group',
  table: 'driver_groups_v1',
  schema: driverGroupStateSchema,
  initialState: driverGroupInitialState,
  evolve: evolveDriverGroup,
};
/** Addressed by the member's driver id: one membership per driver. */
export const LOYALTY_MEMBERSHIPS: AggregateSpec<
  z.infer<typeof loyaltyMembershipStateSchema>,
  LoyaltyMembershipEvent
> = {
  aggregate: 'loyalty-membership',
  table: 'loyalty_memberships_v1',
  schema: loyaltyMembershipStateSchema,
  initialState: loyaltyMembershipInitialState,
  evolve: evolveLoyaltyMembership,
};

export type RegistryEvent =
  | OperatorEvent
  | SiteEvent
  | StationEvent
  | CustomerAccountEvent
  | DriverEvent
  | TokenEvent
  | DriverGroupEvent
  | LoyaltyMembershipEvent;

export const DEFINITION_OF: { readonly [K in RegistryEvent['type']]: EventDefinition } = {
  OperatorCreated: OperatorCreatedV1,
  OperatorRenamed: OperatorRenamedV1,
  OperatorSettingsChanged: OperatorSettingsChangedV1,
  SiteRegistered: SiteRegisteredV1,
  StationRegistered: StationRegisteredV1,
  StationTariffAssigned: StationTariffAssignedV1,
  EvseTariffAssigned: EvseTariffAssignedV1,
  CustomerAccountOpened: CustomerAccountOpenedV1,
  CustomerAccountDunningStarted: CustomerAccountDunningStartedV1,
  CustomerAccountDunningEnded: CustomerAccountDunningEndedV1,
  DriverRegistered: DriverRegisteredV1,
  DriverPersonalDataErased: DriverPersonalDataErasedV1,
  TokenIssued: TokenIssuedV1,
  TokenBlocked: TokenBlockedV1,
  TokenUnblocked: TokenUnblockedV1,
  DriverGroupCreated: DriverGroupCreatedV1,
  DriverAddedToGroup: DriverAddedToGroupV1,
  DriverRemovedFromGroup: DriverRemovedFromGroupV1,
  DriverGroupTariffAssigned: DriverGroupTariffAssignedV2,
  LoyaltyMembershipJoined: LoyaltyMembershipJoinedV1,
  LoyaltyPointsEarned: LoyaltyPointsEarnedV1,
  LoyaltyPointsRedeemed: LoyaltyPointsRedeemedV1,
  LoyaltyPointsRedeemedForCredit: LoyaltyPointsRedeemedForCreditV1,
  LoyaltyTierChanged: LoyaltyTierChangedV1,
};
