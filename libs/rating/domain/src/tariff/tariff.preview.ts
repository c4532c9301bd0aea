/**
 * Prices a sample session with a draft tariff, publishing nothing: the same engine path
 * as the final rating (charging periods split where a price can change, exact rating,
 * one settlement), with a sentence per line so an operator can check the draft. Invalid
 * input throws the engine's RatingInputError naming the bad fields.
 */
import {
  cdrRatingReport,
  parseTariff,
  rate,
  settle,
  splitIntoChargingPeriods,
  type CdrRatingReport,
  type MeterFacts,
  type RoundingMode,
  type SettledSession,
} from '@chargeledger/rating/tariff';
import { DEFAULT_ROUNDING_MODE } from '../session/session-rating.decide';

export interface TariffPreviewRequest {
  readonly tariff: unknown;
  readonly timeZone: string;
  readonly roundingMode?: RoundingMode;
  readonly session: MeterFacts;
}

export interface TariffPreview {
  readonly cdr: CdrRatingReport;
  readonly billable: SettledSession;
}

export function previewTariff(request: TariffPreviewRequest): TariffPreview {
  const tariff = parseTariff(request.tariff);
  const cdr = splitIntoChargingPeriods(request.session, tariff, request.timeZone);
  const rated = rate(cdr, tariff, { timeZone: request.timeZone, explain: true });
  return {
    cdr: cdrRatingReport(rated),
    billable: settle(rated, { roundingMode: request.roundingMode ?? DEFAULT_ROUNDING_MODE }),
  };
}
