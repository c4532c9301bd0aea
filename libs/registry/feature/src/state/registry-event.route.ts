/**
 * Routes a decoded EVT_REGISTRY envelope back to its aggregate and domain event, its data
 * validated again against the event's schema. Only registry events reach this consumer.
 */
import {
  CustomerAccountDunningEndedV1 as AccountDunningEnded,
  CustomerAccountDunningStartedV1 as AccountDunningStarted,
  CustomerAccountOpenedV1 as AccountOpened,
  DriverAddedToGroupV1,
  DriverGroupCreatedV1,
  DriverGroupTariffAssignedV2,
  DriverPersonalDataErasedV1,
  DriverRegisteredV1,
  DriverRemovedFromGroupV1,
  LoyaltyMembershipJoinedV1,
  LoyaltyPointsEarnedV1,
  LoyaltyPointsRedeemedV1,
  LoyaltyPointsRedeemedForCreditV1,
  LoyaltyTierChangedV1,
  OperatorCreatedV1,
  OperatorRenamedV1,
  OperatorSettingsChangedV1,
  SiteRegisteredV1,
  StationRegisteredV1,
  StationTariffAssignedV1,
  EvseTariffAssignedV1,
  TokenBlockedV1,
  TokenIssuedV1,
  TokenUnblockedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import type {
  CustomerAccountEvent,
  DriverEvent,
  DriverGroupEvent,
  LoyaltyMembershipEvent,
  OperatorEvent,
  SiteEvent,
  StationEvent,
  TokenEvent,
} from '@chargeledger/registry/domain';

type Routed<A extends string, E> = {
  readonly aggregate: A;
  readonly id: string;
  readonly event: E;
};
export type RoutedEvent =
  | Routed<'operator', OperatorEvent>
  | Routed<'site', SiteEvent>
  | Routed<'station', StationEvent>
  | Routed<'account', CustomerAccountEvent>
  | Routed<'driver', DriverEvent>
  | Routed<'token', TokenEvent>
  | Routed<'driver-group', DriverGroupEvent>
  | Routed<'loyalty-membership', LoyaltyMembershipEvent>;

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
    case EvseTariffAssignedV1.type: {
      const parsed = EvseTariffAssignedV1.schema.parse(data);
      const event = { type: 'EvseTariffAssigned', data: parsed } as const;
      return { aggregate: 'station', id: parsed.stationId, event };
    }
    case AccountOpened.type: {
      const parsed = AccountOpened.schema.parse(data);
      const event = { type: 'CustomerAccountOpened', data: parsed } as const;
      return { aggregate: 'account', id: parsed.accountId, event };
    }
    case AccountDunningStarted.type: {
      const parsed = AccountDunningStarted.schema.parse(data);
      const event = { type: 'CustomerAccountDunningStarted', data: parsed } as const;
      return { aggregate: 'account', id: parsed.accountId, event };
    }
    case AccountDunningEnded.type: {
      const parsed = AccountDunningEnded.schema.parse(data);
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
      return {
        aggregate: 'token',
        id: parsed.tokenId,
        event: { type: 'TokenBlocked', data: parsed },
      };
    }
    case TokenUnblockedV1.type: {
      const parsed = TokenUnblockedV1.schema.parse(data);
      const event = { type: 'TokenUnblocked', data: parsed } as const;
      return { aggregate: 'token', id: parsed.tokenId, event };
    }
    default:
      return routeGroupOrLoyaltyEvent(type, data);
  }
}

function routeGroupOrLoyaltyEvent(type: string, data: unknown): RoutedEvent {
  switch (type) {
    case DriverGroupCreatedV1.type: {
      const parsed = DriverGroupCreatedV1.schema.parse(data);
      const event = { type: 'DriverGroupCreated', data: parsed } as const;
      return { aggregate: 'driver-group', id: parsed.groupId, event };
    }
    case DriverAddedToGroupV1.type: {
      const parsed = DriverAddedToGroupV1.schema.parse(data);
      const event = { type: 'DriverAddedToGroup', data: parsed } as const;
      return { aggregate: 'driver-group', id: parsed.groupId, event };
    }
    case DriverRemovedFromGroupV1.type: {
      const parsed = DriverRemovedFromGroupV1.schema.parse(data);
      const event = { type: 'DriverRemovedFromGroup', data: parsed } as const;
      return { aggregate: 'driver-group', id: parsed.groupId, event };
    }
    case DriverGroupTariffAssignedV2.type: {
      const parsed = DriverGroupTariffAssignedV2.schema.parse(data);
      const event = { type: 'DriverGroupTariffAssigned', data: parsed } as const;
      return { aggregate: 'driver-group', id: parsed.groupId, event };
    }
    case LoyaltyMembershipJoinedV1.type: {
      const parsed = LoyaltyMembershipJoinedV1.schema.parse(data);
      const event = { type: 'LoyaltyMembershipJoined', data: parsed } as const;
      return { aggregate: 'loyalty-membership', id: parsed.driverId, event };
    }
    case LoyaltyPointsEarnedV1.type: {
      const parsed = LoyaltyPointsEarnedV1.schema.parse(data);
      const event = { type: 'LoyaltyPointsEarned', data: parsed } as const;
      return { aggregate: 'loyalty-membership', id: parsed.driverId, event };
    }
    case LoyaltyPointsRedeemedV1.type: {
      const parsed = LoyaltyPointsRedeemedV1.schema.parse(data);
      const event = { type: 'LoyaltyPointsRedeemed', data: parsed } as const;
      return { aggregate: 'loyalty-membership', id: parsed.driverId, event };
    }
    case LoyaltyPointsRedeemedForCreditV1.type: {
      const parsed = LoyaltyPointsRedeemedForCreditV1.schema.parse(data);
      const event = { type: 'LoyaltyPointsRedeemedForCredit', data: parsed } as const;
      return { aggregate: 'loyalty-membership', id: parsed.driverId, event };
    }
    case LoyaltyTierChangedV1.type: {
      const parsed = LoyaltyTierChangedV1.schema.parse(data);
      const event = { type: 'LoyaltyTierChanged', data: parsed } as const;
      return { aggregate: 'loyalty-membership', id: parsed.driverId, event };
    }
    default:
      return routeOperatorEvent(type, data);
  }
}

function routeOperatorEvent(type: string, data: unknown): RoutedEvent {
  switch (type) {
    case OperatorCreatedV1.type: {
      const parsed = OperatorCreatedV1.schema.parse(data);
      const event = { type: 'OperatorCreated', data: parsed } as const;
      return { aggregate: 'operator', id: parsed.operatorId, event };
    }
    case OperatorRenamedV1.type: {
      const parsed = OperatorRenamedV1.schema.parse(data);
      const event = { type: 'OperatorRenamed', data: parsed } as const;
      return { aggregate: 'operator', id: parsed.operatorId, event };
    }
    case OperatorSettingsChangedV1.type: {
      const parsed = OperatorSettingsChangedV1.schema.parse(data);
      const event = { type: 'OperatorSettingsChanged', data: parsed } as const;
      return { aggregate: 'operator', id: parsed.operatorId, event };
    }
    default:
      // Only registry events reach this consumer; anything else is a bug upstream.
      throw new Error(`not a registry event type: ${type}`);
  }
}
