// One priced line of a rated session and how it is shown. A line is a volume of one
// dimension at one component's unit price (a charging period, a FLAT fee, the extra billed
// by step_size), or a session-level adjustment (min/max price, overstay, discount). Lines
// keep their money exact (see money.model.ts) so settlement can round each line once.
// Rating computes only the exact x3600 amounts of a line; its display figures are derived
// when the line is presented (line.present.ts), which most callers of rate() never need.
import { ONE, type Exact } from '../model/exact-decimal.util';
import { money, type Money } from '../model/money.model';
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
  /** Priced as quantity x the applied component: display amounts follow without dividing. */
  readonly byComponent?: true;
}

export function withVat(exclVat: Money, vat: Exact | undefined): Money | undefined {
  return vat === undefined
    ? undefined
    : money(exclVat.currency, exclVat.x3600.times(ONE.plus(vat.shiftedRight(2))));
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
  const factor = applied.vatFactor;
  // price/h x s and price/kWh x kWh x 3600 are both the amount x3600, exactly.
  const exclX3600 = (unit === 's' ? applied.component.price : applied.priceX3600).times(quantity);
  const line: LineDraft = {
    kind,
    category,
    periodIndex,
    applied,
    quantity,
    unit,
    unitPrice: applied.component.price,
    vat: applied.component.vat,
    exclVat: { currency, x3600: exclX3600 },
    inclVat: factor === undefined ? undefined : { currency, x3600: exclX3600.times(factor) },
    byComponent: true,
  };
  return stepRounding === undefined ? line : { ...line, stepRounding };
}
