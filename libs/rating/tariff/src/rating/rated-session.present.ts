// The rated session as callers see it (RatedSession): OCPI CDR totals and lines as decimal
// strings, and sentences when explained. Rating itself ends with exact lines; turning ~60
// lines into display strings costs as much as rating them, and most callers (live cost,
// settlement, re-rating) never read them. So `totals`, `lines` and `explanation` are
// computed on first read and kept, and settlement reads the exact lines kept beside the
// session (exactLinesOf) instead of parsing the strings back.
import type { RatingSessionModel } from '../model/session-period.model';
import { cdrTotals, type CdrTotals } from './cdr-totals.present';
import { explainLine } from './line.explain';
import { presentLine } from './line.present';
import type { LineDraft, RatedLine } from './rated-line.model';

export interface RatedSession {
  readonly tariff_id: string;
  readonly currency: string;
  readonly time_zone: string;
  readonly totals: CdrTotals;
  readonly lines: readonly RatedLine[];
  /** Present when rated with `explain: true`: one sentence per line, same order. */
  readonly explanation?: readonly string[] | undefined;
}

interface Header {
  readonly tariff_id: string;
  readonly currency: string;
  readonly time_zone: string;
}

/**
 * Display figures on first read. Getters live on the class, not on each object: per-object
 * accessors would give every session its own hidden class, which V8 keeps in old space.
 * toJSON() keeps the session serialising like the plain object it reads as.
 */
class PresentedOnRead implements RatedSession {
  readonly tariff_id: string;
  readonly currency: string;
  readonly time_zone: string;
  private cachedTotals: CdrTotals | undefined;
  private cachedLines: readonly RatedLine[] | undefined;
  private cachedExplanation: readonly string[] | undefined;

  constructor(
    header: Header,
    private readonly model: RatingSessionModel,
    readonly exactLines: readonly LineDraft[],
    private readonly explain: boolean,
  ) {
    this.tariff_id = header.tariff_id;
    this.currency = header.currency;
    this.time_zone = header.time_zone;
  }

  get totals(): CdrTotals {
    this.cachedTotals ??= cdrTotals(this.model, this.exactLines, this.currency);
    return this.cachedTotals;
  }

  get lines(): readonly RatedLine[] {
    this.cachedLines ??= this.exactLines.map(presentLine);
    return this.cachedLines;
  }

  get explanation(): readonly string[] | undefined {
    if (!this.explain) return undefined;
    this.cachedExplanation ??= this.lines.map((line) => explainLine(line, this.model));
    return this.cachedExplanation;
  }

  toJSON(): RatedSession {
    const { tariff_id, currency, time_zone, totals, lines, explanation } = this;
    const plain = { tariff_id, currency, time_zone, totals, lines };
    return explanation === undefined ? plain : { ...plain, explanation };
  }
}

export function ratedSession(
  header: Header,
  model: RatingSessionModel,
  lines: readonly LineDraft[],
  explain: boolean,
): RatedSession {
  return new PresentedOnRead(header, model, lines, explain);
}

/** The exact lines behind a session rated here; undefined for one built elsewhere (e.g. parsed JSON). */
export function exactLinesOf(rated: RatedSession): readonly LineDraft[] | undefined {
  return rated instanceof PresentedOnRead ? rated.exactLines : undefined;
}
