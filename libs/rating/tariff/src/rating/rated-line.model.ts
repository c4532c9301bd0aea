// One priced line of a rated session and how it is shown. A line is a volume of one
// dimension at one component's unit price (a charging period, a FLAT fee, the extra billed
// by step_size), or a session-level adjustment (min/max price, overstay, discount). Lines
// keep their money exact (see money.model.ts) so settlement can round each line once.
import { Exact, HUNDRED, ONE, SECONDS_PER_HOUR, toPlain } from '../model/exact-decimal.util';
import { formatMoney, money, type Money } from '../model/money.model';
import type { PriceComponent } from '../model/tariff.schema';
import type { AppliedComponent } from './tariff-element.match';

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
}

export function withVat(exclVat: Money, vat: Exact | undefined): Money | undefined {
  return vat === undefined
    ? undefined
    : money(exclVat.currency, exclVat.x3600.times(ONE.plus(vat.dividedBy(HUNDRED))));
}

/** x3600 amount of `quantity` at a component's price: kWh and sessions x3600, seconds as is. */
export function priceOf(component: PriceComponent, quantity: Exact, unit: QuantityUnit): Exact {
  const scaled = unit === 's' ? quantity : quantity.times(SECONDS_PER_HOUR);
  return component.price.times(scaled);
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
  const exclVat = money(currency, priceOf(applied.component, quantity, unit));
  const vat = applied.component.vat;
  return {
    kind,
    category,
    periodIndex,
    applied,
    quantity,
    unit,
    unitPrice: applied.component.price,
    vat,
    exclVat,
    inclVat: withVat(exclVat, vat),
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
    unit_price: toPlain(line.unitPrice),
    ...(line.vat === undefined ? {} : { vat: toPlain(line.vat) }),
    ...(line.stepRounding === undefined ? {} : { step_rounding: line.stepRounding }),
    excl_vat: formatMoney(line.exclVat),
    ...(line.inclVat === undefined ? {} : { incl_vat: formatMoney(line.inclVat) }),
    excl_vat_x3600: toPlain(line.exclVat.x3600),
    ...(line.inclVat === undefined ? {} : { incl_vat_x3600: toPlain(line.inclVat.x3600) }),
    ...(line.note === undefined ? {} : { note: line.note }),
  };
}
