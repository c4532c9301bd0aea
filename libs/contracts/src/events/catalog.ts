/**
 * Every event type chargeledger publishes, with the upcasters between versions. Adding an
 * event means adding its file under `events/<context>/` and listing it here.
 */
import { EventCatalog } from './event-catalog';
import { MeterValuesRecordedV1 } from './ingestion/meter-values-recorded.v1';
import { SessionEndedV1 } from './ingestion/session-ended.v1';
import { SessionStartedV1 } from './ingestion/session-started.v1';
import { RawEventRejectedV1 } from './ingestion/raw-event-rejected.v1';
import { StationStatusChangedV1 } from './ingestion/station-status-changed.v1';
import { StationCommandOutcomeRecordedV1 } from './ingestion/station-command-outcome-recorded.v1';
import { ChargingStateChangedV1 } from './ingestion/charging-state-changed.v1';
import { SessionSeqNoReceivedV1 } from './ingestion/session-seq-no-received.v1';
import { SessionMarkedIncompleteV1 } from './ingestion/session-marked-incomplete.v1';
import { SessionMarkedCompleteV1 } from './ingestion/session-marked-complete.v1';
import { SessionFlaggedForReviewV1 } from './ingestion/session-flagged-for-review.v1';
import { SessionTokenPresentedV1 } from './ingestion/session-token-presented.v1';
import { OperatorCreatedV1 } from './registry/operator-created.v1';
import { OperatorRenamedV1 } from './registry/operator-renamed.v1';
import { OperatorSettingsChangedV1 } from './registry/operator-settings-changed.v1';
import { SessionCostUpdatedV1 } from './rating/session-cost-updated.v1';
import { SessionRatedV1 } from './rating/session-rated.v1';
import { SessionRatingRefusedV1 } from './rating/session-rating-refused.v1';
import { SessionReRatedV1 } from './rating/session-re-rated.v1';
import { SessionReRatingDeclinedV1 } from './rating/session-re-rating-declined.v1';
import { TariffVersionPublishedV1 } from './rating/tariff-version-published.v1';
import {
  TariffVersionPublishedV2,
  tariffVersionPublishedV1ToV2,
} from './rating/tariff-version-published.v2';
import { SessionLimitsSetV1 } from './rating/session-limits-set.v1';
import { SessionStopRequestedV1 } from './rating/session-stop-requested.v1';
import { SessionHoldAmountEstimatedV1 } from './rating/session-hold-amount-estimated.v1';
import { SessionHoldAmountRefusedV1 } from './rating/session-hold-amount-refused.v1';
import { SiteRegisteredV1 } from './registry/site-registered.v1';
import { StationRegisteredV1 } from './registry/station-registered.v1';
import { StationTariffAssignedV1 } from './registry/station-tariff-assigned.v1';
import { EvseTariffAssignedV1 } from './registry/evse-tariff-assigned.v1';
import { CustomerAccountOpenedV1 } from './registry/customer-account-opened.v1';
import { CustomerAccountDunningStartedV1 } from './registry/customer-account-dunning-started.v1';
import { CustomerAccountDunningEndedV1 } from './registry/customer-account-dunning-ended.v1';
import { DriverRegisteredV1 } from './registry/driver-registered.v1';
import { DriverPersonalDataErasedV1 } from './registry/driver-personal-data-erased.v1';
import { TokenIssuedV1 } from './registry/token-issued.v1';
import { TokenBlockedV1 } from './registry/token-blocked.v1';
import { TokenUnblockedV1 } from './registry/token-unblocked.v1';
import { DriverGroupCreatedV1 } from './registry/driver-group-created.v1';
import { DriverAddedToGroupV1 } from './registry/driver-added-to-group.v1';
import { DriverRemovedFromGroupV1 } from './registry/driver-removed-from-group.v1';
import { LoyaltyMembershipJoinedV1 } from './registry/loyalty-membership-joined.v1';
import { LoyaltyPointsEarnedV1 } from './registry/loyalty-points-earned.v1';
import { LoyaltyPointsRedeemedV1 } from './registry/loyalty-points-redeemed.v1';
import { LoyaltyTierChangedV1 } from './registry/loyalty-tier-changed.v1';
import { DriverGroupTariffAssignedV1 } from './registry/driver-group-tariff-assigned.v1';
import {
  DriverGroupTariffAssignedV2,
  driverGroupTariffAssignedV1ToV2,
} from './registry/driver-group-tariff-assigned.v2';
import { LoyaltyProgrammeDefinedV1 } from './rating/loyalty-programme-defined.v1';
import { LoyaltyPointsAccruedV1 } from './rating/loyalty-points-accrued.v1';
import { LoyaltyPointsRedeemedForCreditV1 } from './registry/loyalty-points-redeemed-for-credit.v1';
import { LoyaltyCreditAppliedV1 } from './rating/loyalty-credit-applied.v1';
import { LoyaltyCreditUseCorrectedV1 } from './rating/loyalty-credit-use-corrected.v1';

export const EVENT_DEFINITIONS = [
  SessionStartedV1,
  MeterValuesRecordedV1,
  SessionEndedV1,
  RawEventRejectedV1,
  StationStatusChangedV1,
  StationCommandOutcomeRecordedV1,
  ChargingStateChangedV1,
  SessionSeqNoReceivedV1,
  SessionMarkedIncompleteV1,
  SessionMarkedCompleteV1,
  SessionFlaggedForReviewV1,
  SessionTokenPresentedV1,
  OperatorCreatedV1,
  OperatorRenamedV1,
  OperatorSettingsChangedV1,
  TariffVersionPublishedV1,
  TariffVersionPublishedV2,
  SessionLimitsSetV1,
  SessionStopRequestedV1,
  SessionHoldAmountEstimatedV1,
  SessionHoldAmountRefusedV1,
  SessionRatedV1,
  SessionRatingRefusedV1,
  SessionCostUpdatedV1,
  SessionReRatedV1,
  SessionReRatingDeclinedV1,
  SiteRegisteredV1,
  StationRegisteredV1,
  StationTariffAssignedV1,
  EvseTariffAssignedV1,
  CustomerAccountOpenedV1,
  CustomerAccountDunningStartedV1,
  CustomerAccountDunningEndedV1,
  DriverRegisteredV1,
  DriverPersonalDataErasedV1,
  TokenIssuedV1,
  TokenBlockedV1,
  TokenUnblockedV1,
  DriverGroupCreatedV1,
  DriverAddedToGroupV1,
  DriverRemovedFromGroupV1,
  LoyaltyMembershipJoinedV1,
  LoyaltyPointsEarnedV1,
  LoyaltyPointsRedeemedV1,
  LoyaltyTierChangedV1,
  DriverGroupTariffAssignedV1,
  DriverGroupTariffAssignedV2,
  LoyaltyProgrammeDefinedV1,
  LoyaltyPointsAccruedV1,
  LoyaltyPointsRedeemedForCreditV1,
  LoyaltyCreditAppliedV1,
  LoyaltyCreditUseCorrectedV1,
] as const;

export const eventCatalog = new EventCatalog(EVENT_DEFINITIONS, [
  tariffVersionPublishedV1ToV2,
  driverGroupTariffAssignedV1ToV2,
]);
