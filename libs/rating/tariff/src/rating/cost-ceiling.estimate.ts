// The most a session can cost under a tariff and the session's limits, for payment holds.
// It is an upper bound, not a price: every dimension is taken at its dearest component
// whatever its restrictions, time at the dearer of TIME and PARKING_TIME (a moment is one
// or the other), one FLAT, each volume plus one step of rounding, then bounded by
// max_price and raised to min_price. incl. VAT uses each dimension's highest VAT rate and is
// given only when every component has a rate.
import {
  Exact,
  ONE,
  SECONDS_PER_HOUR,
  ZERO,
  maxOf,
  minOf,
  toPlain,
} from '../model/exact-decimal.util';
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
      component.vat === undefined ? undefined : ONE.plus(component.vat.shiftedRight(2));
    result = {
      price: maxOf(result.price, component.price),
      vatFactor:
        result.vatFactor === undefined || factor === undefined
          ? undefined
          : maxOf(result.vatFactor, factor),
      step: maxOf(result.step, new Exact(BigInt(component.step_size))),
    };
  }
  return result;
}

export function costCeiling(tariff: Tariff, limits: SessionLimits): CdrPrice {
  const energy = dearest(tariff, ['ENERGY']);
  const time = dearest(tariff, ['TIME', 'PARKING_TIME']);
  const flat = dearest(tariff, ['FLAT']);
  // Amounts x3600 (money.model.ts) stay exact: price/h x s needs no division.
  const parts: { x3600: Exact; factor: Exact | undefined }[] = [];
  if (flat) parts.push({ x3600: flat.price.times(SECONDS_PER_HOUR), factor: flat.vatFactor });
  if (energy) {
    const kwh = new Exact(limits.maxEnergyKwh).plus(energy.step.shiftedRight(3)); // Wh as kWh
    parts.push({
      x3600: energy.price.times(kwh).times(SECONDS_PER_HOUR),
      factor: energy.vatFactor,
    });
  }
  if (time) {
    const seconds = new Exact(limits.maxDurationS).plus(time.step);
    parts.push({ x3600: time.price.times(seconds), factor: time.vatFactor });
  }
  let excl = parts.reduce((sum, part) => sum.plus(part.x3600), ZERO);
  let incl: Exact | undefined = parts.reduce<Exact | undefined>(
    (sum, part) =>
      sum === undefined || part.factor === undefined
        ? undefined
        : sum.plus(part.x3600.times(part.factor)),
    ZERO,
  );
  const x3600 = (units: Exact) => units.times(SECONDS_PER_HOUR);
  if (tariff.max_price) {
    excl = minOf(excl, x3600(tariff.max_price.excl_vat));
    if (incl !== undefined && tariff.max_price.incl_vat !== undefined)
      incl = minOf(incl, x3600(tariff.max_price.incl_vat));
  }
  if (tariff.min_price) {
    excl = maxOf(excl, x3600(tariff.min_price.excl_vat));
    if (incl !== undefined && tariff.min_price.incl_vat !== undefined)
      incl = maxOf(incl, x3600(tariff.min_price.incl_vat));
  }
  // The amount may repeat (x/3600); the ceiling rounds its display up to stay an upper bound.
  const up = (amount: Exact) =>
    toPlain(amount.dividedBy(SECONDS_PER_HOUR, 10, 'UP').toDecimalPlaces(10, 'UP'));
  return { excl_vat: up(excl), ...(incl === undefined ? {} : { incl_vat: up(incl) }) };
}
