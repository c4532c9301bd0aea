// settle(): the rated session's exact lines become billable lines, each rounded once to the
// currency's minor unit with the policy's mode. Lines of the same component (all periods
// priced by one element's component, including its step rounding) are billed as one line
// with its summed volume and exact amount, as an invoice shows them. VAT is computed per
// line on the rounded net at the line's rate; an adjustment line (min/max price, which may
// mix rates) takes the difference of its rounded incl. and excl. amounts. The billable
// total is the sum of the rounded lines and nothing rounds after this. Settlement reads
// the exact lines rate() kept (or, for a session that travelled as JSON, its x3600 strings).
import { Exact, ZERO, toPlain } from '../model/exact-decimal.util';
import type { LineDraft, RatedLine } from '../rating/rated-line.model';
import { exactLinesOf, type RatedSession } from '../rating/rated-session.present';
import { minorUnitDigits, roundToMinorUnit, type RoundingMode } from './minor-unit.rounding';

export interface SettlementPolicy {
  /** Default HALF_UP. */
  readonly roundingMode?: RoundingMode;
  /** Default: the currency's ISO 4217 minor unit digits. */
  readonly minorUnitDigits?: number;
}

export interface BillableLine {
  readonly kind: RatedLine['kind'];
  readonly category: RatedLine['category'];
  readonly element_index?: number;
  readonly component_index?: number;
  readonly quantity: string;
  readonly quantity_unit: RatedLine['quantity_unit'];
  readonly unit_price: string;
  readonly vat_rate?: string;
  readonly excl_vat: string;
  readonly vat_amount?: string;
  readonly incl_vat?: string;
}

export interface SettledSession {
  readonly currency: string;
  readonly rounding_mode: RoundingMode;
  readonly minor_unit_digits: number;
  readonly lines: readonly BillableLine[];
  /** Sums of the rounded lines; vat and incl_vat only when every line has them. */
  readonly total: {
    readonly excl_vat: string;
    readonly vat_amount?: string;
    readonly incl_vat?: string;
  };
}

/** What settlement reads of a rated line, with its amounts exact. */
interface LineFacts {
  readonly kind: RatedLine['kind'];
  readonly category: RatedLine['category'];
  readonly element_index: number | undefined;
  readonly component_index: number | undefined;
  readonly quantity: Exact;
  readonly quantity_unit: RatedLine['quantity_unit'];
  readonly unit_price: string;
  readonly vat: string | undefined;
  readonly vatRate: Exact | undefined;
  readonly exclX3600: Exact;
  readonly inclX3600: Exact | undefined;
}

/** Facts of an exact line; texts are those presentLine shows. */
function factsOfDraft(line: LineDraft): LineFacts {
  const applied = line.applied;
  const fromComponent = line.byComponent === true ? applied : undefined;
  return {
    kind: line.kind,
    category: line.category,
    element_index: applied?.elementIndex,
    component_index: applied?.componentIndex,
    quantity: line.quantity,
    quantity_unit: line.unit,
    unit_price: fromComponent?.priceText ?? toPlain(line.unitPrice),
    vat: line.vat === undefined ? undefined : (fromComponent?.vatText ?? toPlain(line.vat)),
    vatRate: line.vat,
    exclX3600: line.exclVat.x3600,
    inclX3600: line.inclVat?.x3600,
  };
}

/** Facts of a line that travelled as strings (a session not rated in this process). */
function factsOfText(line: RatedLine): LineFacts {
  return {
    kind: line.kind,
    category: line.category,
    element_index: line.element_index,
    component_index: line.component_index,
    quantity: new Exact(line.quantity),
    quantity_unit: line.quantity_unit,
    unit_price: line.unit_price,
    vat: line.vat,
    vatRate: line.vat === undefined ? undefined : new Exact(line.vat),
    exclX3600: new Exact(line.excl_vat_x3600),
    inclX3600: line.incl_vat_x3600 === undefined ? undefined : new Exact(line.incl_vat_x3600),
  };
}

interface Group {
  readonly first: LineFacts;
  quantity: Exact;
  exclX3600: Exact;
  inclX3600: Exact | undefined;
}

function groupKey(line: LineFacts, index: number): string {
  if (line.element_index === undefined) return `line:${index}`;
  return `${line.kind}:${line.element_index}:${String(line.component_index)}`;
}

function groupLines(lines: readonly LineFacts[]): Group[] {
  const groups = new Map<string, Group>();
  lines.forEach((line, index) => {
    const key = groupKey(line, index);
    const known = groups.get(key);
    if (known === undefined) {
      groups.set(key, {
        first: line,
        quantity: line.quantity,
        exclX3600: line.exclX3600,
        inclX3600: line.inclX3600,
      });
      return;
    }
    known.quantity = known.quantity.plus(line.quantity);
    known.exclX3600 = known.exclX3600.plus(line.exclX3600);
    known.inclX3600 =
      known.inclX3600 === undefined || line.inclX3600 === undefined
        ? undefined
        : known.inclX3600.plus(line.inclX3600);
  });
  return [...groups.values()];
}

interface Settled {
  readonly line: BillableLine;
  readonly excl: Exact;
  readonly vat: Exact | undefined;
}

function billableLine(group: Group, digits: number, mode: RoundingMode): Settled {
  const line = group.first;
  const round = (x3600: Exact) => roundToMinorUnit(x3600, digits, mode, 3600n);
  const excl = round(group.exclX3600);
  const vat =
    line.vatRate !== undefined
      ? roundToMinorUnit(excl.times(line.vatRate).shiftedRight(2), digits, mode)
      : group.inclX3600 === undefined
        ? undefined
        : round(group.inclX3600).minus(excl);
  const billable: BillableLine = {
    kind: line.kind,
    category: line.category,
    ...(line.element_index === undefined ? {} : { element_index: line.element_index }),
    ...(line.component_index === undefined ? {} : { component_index: line.component_index }),
    quantity: toPlain(group.quantity),
    quantity_unit: line.quantity_unit,
    unit_price: line.unit_price,
    ...(line.vat === undefined ? {} : { vat_rate: line.vat }),
    excl_vat: excl.toFixed(digits),
    ...(vat === undefined
      ? {}
      : { vat_amount: vat.toFixed(digits), incl_vat: excl.plus(vat).toFixed(digits) }),
  };
  return { line: billable, excl, vat };
}

export function settle(rated: RatedSession, policy: SettlementPolicy = {}): SettledSession {
  const mode = policy.roundingMode ?? 'HALF_UP';
  const digits = policy.minorUnitDigits ?? minorUnitDigits(rated.currency);
  const exact = exactLinesOf(rated);
  const facts = exact === undefined ? rated.lines.map(factsOfText) : exact.map(factsOfDraft);
  const settled = groupLines(facts).map((group) => billableLine(group, digits, mode));
  const lines = settled.map((entry) => entry.line);
  const exclTotal = settled.reduce((total, entry) => total.plus(entry.excl), ZERO);
  const everyLineHasVat = settled.every((entry) => entry.vat !== undefined);
  const vatTotal = settled.reduce((total, entry) => total.plus(entry.vat ?? ZERO), ZERO);
  return {
    currency: rated.currency,
    rounding_mode: mode,
    minor_unit_digits: digits,
    lines,
    total: {
      excl_vat: exclTotal.toFixed(digits),
      ...(everyLineHasVat
        ? {
            vat_amount: vatTotal.toFixed(digits),
            incl_vat: exclTotal.plus(vatTotal).toFixed(digits),
          }
        : {}),
    },
  };
}
