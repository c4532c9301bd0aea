// The rating of one CDR as one JSON document: the machine contract of `chargeledger rate`
// and of anything else that shows a rated CDR. The OCPI CDR totals sit at the top level,
// as in a CDR (amounts as exact decimal strings, incl_vat only when every component used
// has a VAT rate); for a session rated with `explain`, every line follows with where its price came from
// (period, element index, matched restrictions), volume, unit price, step rounding, VAT
// and one sentence saying it.
import type { CdrTotals } from './cdr-totals.present';
import type { RatedLine } from './rated-line.model';
import type { RatedSession } from './tariff.rate';

export interface ExplainedLine extends RatedLine {
  readonly explanation: string;
}

export interface CdrRatingReport extends CdrTotals {
  readonly tariff_id: string;
  readonly currency: string;
  /** The IANA zone restrictions were read in. */
  readonly time_zone: string;
  readonly lines?: readonly ExplainedLine[];
}

export function cdrRatingReport(rated: RatedSession): CdrRatingReport {
  const report = {
    tariff_id: rated.tariff_id,
    currency: rated.currency,
    time_zone: rated.time_zone,
    ...rated.totals,
  };
  const explanation = rated.explanation;
  if (explanation === undefined) return report;
  const lines = rated.lines.map((line, index) => ({
    ...line,
    explanation: explanation[index] ?? '',
  }));
  return { ...report, lines };
}
