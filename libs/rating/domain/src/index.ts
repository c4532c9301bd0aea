/**
 * @chargeledger/rating/domain: rating's pure deciders. The tariff aggregate (immutable
 * versions with validity windows), which version and assignment applied at an instant,
 * the running cost of an open session and the final rating of an ended session from
 * its facts, with member prices, loyalty discounts, points and credit. No I/O, no clock.
 */
export {
  fieldErrorsOf,
  RATING_REFUSAL_CODES,
  RatingRefusal,
  type FieldError,
  type RatingRefusalCode,
} from './shared/rating-refusal';
export {
  decideTariff,
  evolveTariff,
  tariffInitialState,
  type PublishTariffVersion,
  type TariffEvent,
  type TariffState,
  type TariffVersionData,
} from './tariff/tariff.decider';
export {
  holds,
  inEffectAt,
  tariffVersionAt,
  type EffectiveFact,
  type TariffVersionWindow,
} from './tariff/tariff-version.resolve';
export {
  meterFactsOf,
  type EndedSessionFacts,
  type OpenSessionFacts,
  type SessionSample,
  type SessionStateChange,
} from './session/session-facts';
export {
  DEFAULT_ROUNDING_MODE,
  rateEndedSession,
  type RoundingSetting,
  type SessionRatingInputs,
  type SessionRatingOutcome,
  type TariffAssignment,
} from './session/session-rating.decide';
export {
  liveCostDue,
  liveCostOf,
  rateOpenSession,
  type LiveCost,
} from './session/session-live-cost.decide';
export {
  previewTariff,
  type TariffPreview,
  type TariffPreviewRequest,
} from './tariff/tariff.preview';
export type {
  GroupMembershipChange,
  GroupTariffAssignment,
  LoyaltyCreditGrant,
  LoyaltyProgrammeFact,
  LoyaltyTierFact,
  LoyaltyTierTerms,
  MemberFacts,
} from './member/member-facts';
export { groupsAt, groupTariffsAt, memberTariffVersion } from './member/member-tariff.choose';
export {
  loyaltyAccrualOf,
  loyaltyAt,
  loyaltyOptionOf,
  type LoyaltyAccrual,
  type MemberLoyalty,
} from './loyalty/loyalty-terms.resolve';
export {
  loyaltyCreditFor,
  loyaltyCreditLeft,
  withLoyaltyCredit,
  type LoyaltyCreditUse,
} from './loyalty/loyalty-credit.apply';
