/**
 * @chargeledger/rating/domain: rating's pure deciders. The tariff aggregate (immutable
 * versions with validity windows), which version and assignment applied at an instant,
 * the running cost of an open session and the final rating of an ended session from
 * its facts with member prices, loyalty discounts, points and credit; session limits
 * (who set what, which bound a session, which fact reaches one) and the hold amount of
 * a session that starts; re-rating a rated session (credit CDR + corrected CDR) for an
 * operator's correction or a late fact. No I/O, no clock.
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
export {
  decideSessionLimits,
  evolveSessionLimits,
  sessionLimitsInitialState,
  type SessionLimitsEvent,
  type SessionLimitsSetData,
  type SessionLimitsState,
  type SetSessionLimits,
} from './limits/session-limits.decider';
export {
  effectiveLimits,
  type EffectiveLimit,
  type EffectiveLimits,
  type LimitSetting,
} from './limits/effective-limits.resolve';
export {
  limitsAt,
  limitStopsDue,
  progressOf,
  reachedLimits,
  type LimitProgress,
  type ReachedLimit,
} from './limits/session-limit-stops.decide';
export { sessionTariffOf, type SessionTariff } from './limits/session-tariff.resolve';
export {
  decideHold,
  estimateHold,
  type HoldDefaults,
  type HoldEstimate,
  type HoldOutcome,
} from './limits/session-hold.estimate';
export { ratingOptionsOf } from './tariff/tariff-rating-options';
export type {
  GroupMembershipChange,
  GroupTariffAssignment,
  LoyaltyCreditGrant,
  LoyaltyProgrammeFact,
  LoyaltyTierFact,
  LoyaltyTierTerms,
  MemberFacts,
} from './member/member-facts';
export {
  groupsAt,
  groupTariffsAt,
  memberTariffVersion,
  type ChargingPlace,
} from './member/member-tariff.choose';
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
export {
  creditOf,
  deltaOf,
  negateDecimal,
  type BillableDelta,
  type CreditCdr,
  type RatedCdr,
} from './re-rating/credit-cdr';
export {
  evolveSessionRating,
  sessionRatingInitialState,
  type CorrectedSample,
  type RatedSessionState,
  type SessionRatingEvent,
  type SessionRatingState,
} from './re-rating/session-rating.history';
export {
  correctedCdrIdOf,
  decideLateFact,
  decideReRating,
  type LateFact,
  type LateFactOutcome,
  type OperatorCorrection,
  type ReRateSession,
  type ReRatingDecision,
  type ReRatingInputs,
  type ReRatingReason,
} from './re-rating/session-re-rating.decide';
