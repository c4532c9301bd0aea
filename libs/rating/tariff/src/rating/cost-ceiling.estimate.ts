// The most a session can cost under a tariff and the session's limits, for payment holds.
// It is an upper bound, not a price: every dimension is taken at its dearest component
// whatever its restrictions, time at the dearer of TIME and PARKING_TIME (a moment is one
// or the other), one FLAT, each volume plus one step of rounding, then bounded by
// max_price and raised to min_price. incl. VAT uses each dimension's highest VAT rate and is
// given only when every component has a rate.
import { Exact, HUNDRED, ONE, WH_PER_KWH, ZERO, maxOf, minOf } from '../model/exact-decimal.util';
import { formatMoney, moneyOfUnits } from '../model/money.model';
import type { PriceComponent, Tariff, TariffDimension } from '../model/tariff.schema';
import type { CdrPrice } from './cdr-totals.present';

export interface SessionLimits {
  /** Longest the session may last, seconds (plug-in to unplug). */
  readonly maxDurationS: number;
  /** Most energy the session may take, kWh as a decimal string. */
  readonly maxEnergyKwh: string;
}

interface Dearest {
  price: Exact;
  vatFactor: Exact | undefined;
  step: Exact;
}

function dearest(tariff: Tariff, types: readonly TariffDimension[]): Dearest | undefined {
  const components: PriceComponent[] = tariff.elements
    .filter((element) => element.restrictions?.reservation === undefined)
    .flatMap((element) => element.price_components)
    .filter((component) => types.includes(component.type));
  if (components.length === 0) return undefined;
  let result: Dearest = { price: ZERO, vatFactor: ONE, step: ZERO };
  for (const component of components) {
    const factor =
      component.vat === undefined ? undefined : ONE.plus(component.vat.dividedBy(HUNDRED));
    result = {
      price: maxOf(result.price, component.price),
      vatFactor:
        result.vatFactor === undefined || factor === undefined
          ? undefined
          : maxOf(result.vatFactor, factor),
      step: maxOf(result.step, new Exact(component.step_size)),
    };
  }
  return result;
}

export function costCeiling(tariff: Tariff, limits: SessionLimits): CdrPrice {
  const energy = dearest(tariff, ['ENERGY']);
  const time = dearest(tariff, ['TIME', 'PARKING_TIME']);
  const flat = dearest(tariff, ['FLAT']);
  const parts: { units: Exact; factor: Exact | undefined }[] = [];
  if (flat) parts.push({ units: flat.price, factor: flat.vatFactor });
  if (energy) {
    const kwh = new Exact(limits.maxEnergyKwh).plus(energy.step.dividedBy(WH_PER_KWH));
    parts.push({ units: energy.price.times(kwh), factor: energy.vatFactor });
  }
  if (time) {
    const hours = new Exact(limits.maxDurationS).plus(time.step).dividedBy(3600);
    parts.push({ units: time.price.times(hours), factor: time.vatFactor });
  }
  let excl = parts.reduce((sum, part) => sum.plus(part.units), ZERO);
  let incl: Exact | undefined = parts.reduce<Exact | undefined>(
    (sum, part) =>
      sum === undefined || part.factor === undefined
        ? undefined
        : sum.plus(part.units.times(part.factor)),
    ZERO,
  );
  if (tariff.max_price) {
    excl = minOf(excl, tariff.max_price.excl_vat);
    if (incl !== undefined && tariff.max_price.incl_vat !== undefined)
      incl = minOf(incl, tariff.max_price.incl_vat);
  }
  if (tariff.min_price) {
    excl = maxOf(excl, tariff.min_price.excl_vat);
    if (incl !== undefined && tariff.min_price.incl_vat !== undefined)
      incl = maxOf(incl, tariff.min_price.incl_vat);
  }
  // Hours may repeat (x/3600); the ceiling rounds its display up to stay an upper bound.
  const up = (units: Exact) =>
    formatMoney(moneyOfUnits(tariff.currency, units.toDecimalPlaces(10, Exact.ROUND_UP)));
  return { excl_vat: up(excl), ...(incl === undefined ? {} : { incl_vat: up(incl) }) };
}
