// min_price / max_price (mod_tariffs "Tariff Object" notes): the session total excl. VAT is
// bounded by the excl. VAT bound and the total incl. VAT by the incl. VAT bound, each on its
// own, so a bound may bind one side only. A correction is an adjustment line carrying the
// two differences, which keeps "total = sum of lines" true for every total.
import { ONE, ZERO, type Exact } from '../model/exact-decimal.util';
import {
  addMoney,
  compareMoney,
  money,
  moneyOfUnits,
  subtractMoney,
  unitsOf,
  type Money,
} from '../model/money.model';
import type { Price, Tariff } from '../model/tariff.schema';
import type { LineDraft, LineKind } from './rated-line.model';

interface Totals {
  readonly exclVat: Money;
  readonly inclVat: Money | undefined;
}

export function totalsOf(lines: readonly LineDraft[], currency: string): Totals {
  let excl = ZERO;
  let incl: Exact | undefined = ZERO;
  for (const line of lines) {
    if (line.exclVat.currency !== currency) throw new Error(`currency mismatch: ${currency}`);
    excl = excl.plus(line.exclVat.x3600);
    incl =
      incl === undefined || line.inclVat === undefined ? undefined : incl.plus(line.inclVat.x3600);
  }
  return {
    exclVat: money(currency, excl),
    inclVat: incl === undefined ? undefined : money(currency, incl),
  };
}

function boundDelta(total: Money, bound: Money, kind: LineKind): Money {
  const order = compareMoney(total, bound);
  const binds = kind === 'MIN_PRICE' ? order < 0 : order > 0;
  return binds ? subtractMoney(bound, total) : money(total.currency, ZERO);
}

function adjustment(totals: Totals, bound: Price, kind: LineKind, currency: string) {
  const exclDelta = boundDelta(totals.exclVat, moneyOfUnits(currency, bound.excl_vat), kind);
  const inclDelta =
    totals.inclVat === undefined
      ? undefined
      : bound.incl_vat === undefined
        ? money(currency, ZERO)
        : boundDelta(totals.inclVat, moneyOfUnits(currency, bound.incl_vat), kind);
  if (exclDelta.x3600.isZero() && (inclDelta === undefined || inclDelta.x3600.isZero())) {
    return undefined;
  }
  const line: LineDraft = {
    kind,
    category: 'ADJUSTMENT',
    periodIndex: undefined,
    applied: undefined,
    quantity: ONE,
    unit: 'session',
    unitPrice: unitsOf(exclDelta),
    vat: undefined,
    exclVat: exclDelta,
    inclVat: inclDelta,
    note: `${kind === 'MIN_PRICE' ? 'min_price' : 'max_price'} ${bound.excl_vat.toFixed()} excl. VAT${bound.incl_vat === undefined ? '' : ` / ${bound.incl_vat.toFixed()} incl. VAT`}`,
  };
  return line;
}

export function priceBoundLines(
  tariff: Tariff,
  lines: readonly LineDraft[],
  currency: string,
): LineDraft[] {
  const result: LineDraft[] = [];
  let totals = totalsOf(lines, currency);
  const bounds: [Price | undefined, LineKind][] = [
    [tariff.min_price, 'MIN_PRICE'],
    [tariff.max_price, 'MAX_PRICE'],
  ];
  for (const [bound, kind] of bounds) {
    if (bound === undefined) continue;
    const line = adjustment(totals, bound, kind, currency);
    if (line === undefined) continue;
    result.push(line);
    totals = {
      exclVat: addMoney(totals.exclVat, line.exclVat),
      inclVat:
        totals.inclVat === undefined || line.inclVat === undefined
          ? undefined
          : addMoney(totals.inclVat, line.inclVat),
    };
  }
  return result;
}
