// Public surface of the OCPI 2.2.1 tariff engine: validate input at the edge, rate a
// session exactly with an explanation, settle the rated lines with the one rounding.
export { RatingInputError, parseCdrSession, parseTariff } from './model/input.parse';
export type { CdrSession, ChargingPeriod, CdrDimensionType } from './model/cdr.schema';
export { resolveTimeZone, type ZoneOverride } from './model/time-zone.resolve';
export type {
  DayOfWeek,
  Price,
  PriceComponent,
  Tariff,
  TariffDimension,
  TariffElement,
  TariffRestrictions,
  TariffType,
} from './model/tariff.schema';
export { rate, type RatedSession, type RatingContext } from './rating/tariff.rate';
export type { CdrPrice, CdrTotals } from './rating/cdr-totals.present';
export {
  cdrRatingReport,
  type CdrRatingReport,
  type ExplainedLine,
} from './rating/cdr-rating.report';
export type { LineCategory, LineKind, RatedLine, StepRounding } from './rating/rated-line.model';
export type { RatingOptions } from './rating/rating-options.rule';
export {
  settle,
  type BillableLine,
  type SettledSession,
  type SettlementPolicy,
} from './settlement/session.settle';
export {
  minorUnitDigits,
  ROUNDING_MODES,
  type RoundingMode,
} from './settlement/minor-unit.rounding';
export type { LoyaltyOption, OverstayOption } from './rating/rating-options.rule';
export {
  selectTariff,
  type TariffCandidate,
  type TariffChoice,
} from './rating/member-tariff.select';
export { costCeiling, type SessionLimits } from './rating/cost-ceiling.estimate';
export {
  splitIntoChargingPeriods,
  type ChargingStateChange,
  type MeterFacts,
  type MeterReading,
} from './periods/charging-periods.split';
