// Options of rate() beyond OCPI 2.2.1. Each adds lines after min/max price.
import type { RatingSessionModel } from '../model/session-period.model';
import type { Tariff } from '../model/tariff.schema';
import type { LineDraft } from './rated-line.model';

export interface RatingOptions {
  readonly placeholder?: never;
}

export function optionLines(
  _options: RatingOptions | undefined,
  _tariff: Tariff,
  _model: RatingSessionModel,
  _lines: readonly LineDraft[],
): LineDraft[] {
  return [];
}
