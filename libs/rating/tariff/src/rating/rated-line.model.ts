// One priced line of a rated session and how it is shown. A line is a volume of one
// dimension at one component's unit price (a charging period, a FLAT fee, the extra billed
// by step_size), or a session-level adjustment (min/max price, overstay, discount). Lines
// keep their money exact (see money.model.ts) so settlement can round each line once.
import { Exact, HUNDRED, ONE, SECONDS_PER_HOUR, toPlain } from '../model/exact-decimal.util';
import { formatMoney, money, type Money } from '../model/money.model';
import type { AppliedComponent } from './tariff-element.match';
import { hoursText } from './hours.format';

export type LineKind =
  | 'FLAT'
  | 'ENERGY'
  | 'TIME'
  | 'PARKING_TIME'
  | 'RESERVATION_FLAT'
  | 'RESERVATION_TIME'
  | 'MIN_PRICE'
  | 'MAX_PRICE'
  | 'OVERSTAY'
  | 'DISCOUNT';

/** Which CDR total a line counts towards. */
export type LineCategory = 'FIXED' | 'ENERGY' | 'TIME' | 'PARKING' | 'RESERVATION' | 'ADJUSTMENT';

export type QuantityUnit = 'kWh' | 's' | 'session';

export interface StepRounding {
  /** step_size of the last component used, in Wh or s. */
  readonly step_size: number;
  /** Priced volume of the dimension over the session, before and after rounding. */
  readonly total: string;
  readonly billed: string;
}

/** The line as it travels: amounts as decimal strings, plus the exact x3600 numerators. */
export interface RatedLine {
  readonly kind: LineKind;
  readonly category: LineCategory;
  readonly period_index?: number;
  readonly element_index?: number;
  readonly component_index?: number;
  readonly restrictions: readonly string[];
  readonly quantity: string;
  readonly quantity_unit: QuantityUnit;
  /** For time lines: the quantity in hours, the OCPI unit (30 places if it repeats). */
  readonly quantity_hours?: string;
  /** Per kWh, per hour or per session, excl. VAT, as in the tariff. */
  readonly unit_price: string;
  readonly vat?: string;
  readonly step_rounding?: StepRounding;
  readonly excl_vat: string;
  readonly incl_vat?: string;
  /** Exact amounts times 3600 (time prices per hour x seconds do not always terminate). */
  readonly excl_vat_x3600: string;
  readonly incl_vat_x3600?: string;
  readonly note?: string;
}

/** A line while rating still computes with it. */
export interface LineDraft {
  readonly kind: LineKind;
  readonly category: LineCategory;
  readonly periodIndex: number | undefined;
  readonly applied: AppliedComponent | undefined;
  readonly quantity: Exact;
  readonly unit: QuantityUnit;
  readonly unitPrice: Exact;
  readonly vat: Exact | undefined;
  readonly exclVat: Money;
  readonly inclVat: Money | undefined;
  readonly stepRounding?: StepRounding;
  readonly note?: string;
  /** The amounts in currency units, when known without dividing by 3600. */
  readonly exclUnits?: Exact;
  readonly inclUnits?: Exact;
  /** For time lines, the quantity in hours when it terminates. */
  readonly hours?: Exact;
}

export function withVat(exclVat: Money, vat: Exact | undefined): Money | undefined {
  return vat === undefined
    ? undefined
    : money(exclVat.currency, exclVat.x3600.times(ONE.plus(vat.dividedBy(HUNDRED))));
}

/** Seconds as hours when the quotient terminates (9 divides whole seconds), else undefined. */
function exactHours(seconds: Exact): Exact | undefined {
  return seconds.isInteger() && seconds.modulo(9).isZero()
    ? seconds.dividedBy(SECONDS_PER_HOUR)
    : undefined;
}

export function componentLine(
  kind: LineKind,
  category: LineCategory,
  currency: string,
  applied: AppliedComponent,
  periodIndex: number | undefined,
  quantity: Exact,
  unit: QuantityUnit,
  stepRounding?: StepRounding,
): LineDraft {
  const price = applied.component.price;
  const factor = applied.vatFactor;
  const exclX3600 = unit === 's' ? price.times(quantity) : applied.priceX3600.times(quantity);
  const hours = unit === 's' ? exactHours(quantity) : quantity;
  // Exact amounts in currency units when they terminate, so showing them needs no division.
  const exclUnits = hours === undefined ? undefined : price.times(hours);
  return {
    kind,
    category,
    periodIndex,
    applied,
    quantity,
    unit,
    unitPrice: price,
    vat: applied.component.vat,
    exclVat: money(currency, exclX3600),
    inclVat: factor === undefined ? undefined : money(currency, exclX3600.times(factor)),
    ...(exclUnits === undefined ? {} : { exclUnits }),
    ...(unit === 's' && hours !== undefined ? { hours } : {}),
    ...(exclUnits === undefined || factor === undefined
      ? {}
      : { inclUnits: exclUnits.times(factor) }),
    ...(stepRounding === undefined ? {} : { stepRounding }),
  };
}

export function presentLine(line: LineDraft): RatedLine {
  const applied = line.applied;
  return {
    kind: line.kind,
    category: line.category,
    ...(line.periodIndex === undefined ? {} : { period_index: line.periodIndex }),
    ...(applied === undefined
      ? {}
      : { element_index: applied.elementIndex, component_index: applied.componentIndex }),
    restrictions: applied?.restrictions ?? [],
    quantity: toPlain(line.quantity),
    quantity_unit: line.unit,
    ...(line.unit === 's'
      ? {
          quantity_hours: line.hours === undefined ? hoursText(line.quantity) : toPlain(line.hours),
        }
      : {}),
    unit_price: toPlain(line.unitPrice),
    ...(line.vat === undefined ? {} : { vat: toPlain(line.vat) }),
    ...(line.stepRounding === undefined ? {} : { step_rounding: line.stepRounding }),
    excl_vat: line.exclUnits === undefined ? formatMoney(line.exclVat) : toPlain(line.exclUnits),
    ...(line.inclVat === undefined
      ? {}
      : {
          incl_vat:
            line.inclUnits === undefined ? formatMoney(line.inclVat) : toPlain(line.inclUnits),
        }),
    excl_vat_x3600: toPlain(line.exclVat.x3600),
    ...(line.inclVat === undefined ? {} : { incl_vat_x3600: toPlain(line.inclVat.x3600) }),
    ...(line.note === undefined ? {} : { note: line.note }),
  };
}
