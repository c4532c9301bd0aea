// settle(): the rated session's exact lines become billable lines, each rounded once to the
// currency's minor unit with the policy's mode. Lines of the same component (all periods
// priced by one element's component, including its step rounding) are billed as one line
// with its summed volume and exact amount, as an invoice shows them. VAT is computed per
// line on the rounded net at the line's rate; an adjustment line (min/max price, which may
// mix rates) takes the difference of its rounded incl. and excl. amounts. The billable
// total is the sum of the rounded lines and nothing rounds after this.
import { Exact, ZERO, toPlain } from '../model/exact-decimal.util';
import { HUNDRED, SECONDS_PER_HOUR } from '../model/exact-decimal.util';
import type { RatedLine } from '../rating/rated-line.model';
import type { RatedSession } from '../rating/tariff.rate';
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

interface Group {
  readonly first: RatedLine;
  quantity: Exact;
  exclX3600: Exact;
  inclX3600: Exact | undefined;
}

function groupKey(line: RatedLine, index: number): string {
  if (line.element_index === undefined) return `line:${index}`;
  return `${line.kind}:${line.element_index}:${String(line.component_index)}`;
}

function groupLines(lines: readonly RatedLine[]): Group[] {
  const groups = new Map<string, Group>();
  lines.forEach((line, index) => {
    const key = groupKey(line, index);
    const incl = line.incl_vat_x3600 === undefined ? undefined : new Exact(line.incl_vat_x3600);
    const known = groups.get(key);
    if (known === undefined) {
      groups.set(key, {
        first: line,
        quantity: new Exact(line.quantity),
        exclX3600: new Exact(line.excl_vat_x3600),
        inclX3600: incl,
      });
      return;
    }
    known.quantity = known.quantity.plus(line.quantity);
    known.exclX3600 = known.exclX3600.plus(line.excl_vat_x3600);
    known.inclX3600 =
      known.inclX3600 === undefined || incl === undefined ? undefined : known.inclX3600.plus(incl);
  });
  return [...groups.values()];
}

function billableLine(group: Group, digits: number, mode: RoundingMode): BillableLine {
  const line = group.first;
  const round = (x3600: Exact) => roundToMinorUnit(x3600.dividedBy(SECONDS_PER_HOUR), digits, mode);
  const excl = round(group.exclX3600);
  const vat =
    line.vat !== undefined
      ? roundToMinorUnit(excl.times(line.vat).dividedBy(HUNDRED), digits, mode)
      : group.inclX3600 === undefined
        ? undefined
        : round(group.inclX3600).minus(excl);
  return {
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
}

export function settle(rated: RatedSession, policy: SettlementPolicy = {}): SettledSession {
  const mode = policy.roundingMode ?? 'HALF_UP';
  const digits = policy.minorUnitDigits ?? minorUnitDigits(rated.currency);
  const lines = groupLines(rated.lines).map((group) => billableLine(group, digits, mode));
  const exclTotal = lines.reduce((total, line) => total.plus(line.excl_vat), ZERO);
  const everyLineHasVat = lines.every((line) => line.vat_amount !== undefined);
  const vatTotal = lines.reduce((total, line) => total.plus(line.vat_amount ?? 0), ZERO);
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
