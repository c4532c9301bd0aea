// Options of rate() beyond OCPI 2.2.1, applied after min/max price:
// - overstay: an idle fee for the time plugged in after charging ended, beyond a grace
//   period, rounded up to its own step (charging ends with the last period that charged);
// - loyalty: the first free kWh of the session at the prices they were charged at, then a
//   percentage off what remains. Overstay fees are never discounted.
// Member (driver-group) prices choose the tariff before rating: see member-tariff.select.ts.
import { Exact, ONE, ceilToStep, minOf } from '../model/exact-decimal.util';
import { money, unitsOf } from '../model/money.model';
import type { RatingSessionModel } from '../model/session-period.model';
import type { Tariff } from '../model/tariff.schema';
import { totalsOf } from './price-bounds.rule';
import type { LineDraft } from './rated-line.model';

export interface OverstayOption {
  readonly graceS: number;
  /** Excl. VAT, per hour, as a decimal string. */
  readonly pricePerHour: string;
  readonly vat?: string;
  /** Billed in blocks of this many seconds; 0 bills by the second. */
  readonly stepS: number;
}

export interface LoyaltyOption {
  /** Energy given free at the start of the session, kWh as a decimal string. */
  readonly freeKwh?: string;
  /** Percentage off the session after free kWh, as a decimal string (e.g. "10"). */
  readonly percentOff?: string;
}

export interface RatingOptions {
  readonly overstay?: OverstayOption;
  readonly loyalty?: LoyaltyOption;
}

function line(
  currency: string,
  fields: Omit<LineDraft, 'exclVat' | 'inclVat'> & { excl: Exact; incl: Exact | undefined },
): LineDraft {
  const { excl, incl, ...rest } = fields;
  return {
    ...rest,
    exclVat: money(currency, excl),
    inclVat: incl === undefined ? undefined : money(currency, incl),
  };
}

function overstayLine(option: OverstayOption, model: RatingSessionModel, currency: string) {
  const charged = model.periods.filter(
    (p) => !p.isReservation && (!p.energyKwh.isZero() || !p.timeS.isZero()),
  );
  const last = charged.at(-1);
  if (last === undefined) return undefined;
  const idleS = new Exact(BigInt(model.endMs - last.endMs), 3).minus(new Exact(option.graceS));
  if (!idleS.isPositive() || idleS.isZero()) return undefined;
  const billedS = option.stepS > 0 ? ceilToStep(idleS, new Exact(option.stepS)) : idleS;
  const price = new Exact(option.pricePerHour);
  const vat = option.vat === undefined ? undefined : new Exact(option.vat);
  const excl = price.times(billedS);
  return line(currency, {
    kind: 'OVERSTAY',
    category: 'PARKING',
    periodIndex: undefined,
    applied: undefined,
    quantity: billedS,
    unit: 's',
    unitPrice: price,
    vat,
    excl,
    incl: vat === undefined ? undefined : excl.times(ONE.plus(vat.shiftedRight(2))),
    note: `overstay after ${String(option.graceS)} s grace from end of charging`,
  });
}

function freeKwhLines(freeKwh: Exact, lines: readonly LineDraft[], currency: string): LineDraft[] {
  const result: LineDraft[] = [];
  let left = freeKwh;
  for (const energy of lines) {
    if (energy.kind !== 'ENERGY' || !left.isPositive() || left.isZero()) continue;
    const kwh = minOf(left, energy.quantity);
    left = left.minus(kwh);
    // The free share of a line priced per kWh is priced the same way: exact, no division.
    const applied = energy.applied;
    const exclFree =
      applied === undefined
        ? energy.exclVat.x3600.times(kwh.dividedBy(energy.quantity))
        : applied.priceX3600.times(kwh);
    const inclFree =
      energy.inclVat === undefined
        ? undefined
        : applied?.vatFactor === undefined
          ? energy.inclVat.x3600.times(kwh.dividedBy(energy.quantity))
          : exclFree.times(applied.vatFactor);
    result.push(
      line(currency, {
        kind: 'DISCOUNT',
        category: 'ADJUSTMENT',
        periodIndex: energy.periodIndex,
        applied: energy.applied,
        quantity: kwh.negated(),
        unit: 'kWh',
        unitPrice: energy.unitPrice,
        vat: energy.vat,
        excl: exclFree.negated(),
        incl: inclFree?.negated(),
        note: 'loyalty: free kWh',
      }),
    );
  }
  return result;
}

function percentOffLine(percent: Exact, lines: readonly LineDraft[], currency: string) {
  const totals = totalsOf(
    lines.filter((l) => l.kind !== 'OVERSTAY'),
    currency,
  );
  const factor = percent.shiftedRight(2).negated();
  return line(currency, {
    kind: 'DISCOUNT',
    category: 'ADJUSTMENT',
    periodIndex: undefined,
    applied: undefined,
    quantity: ONE,
    unit: 'session',
    unitPrice: unitsOf(money(currency, totals.exclVat.x3600.times(factor))),
    vat: undefined,
    excl: totals.exclVat.x3600.times(factor),
    incl: totals.inclVat?.x3600.times(factor),
    note: `loyalty: ${percent.toFixed()}% off`,
  });
}

export function optionLines(
  options: RatingOptions | undefined,
  _tariff: Tariff,
  model: RatingSessionModel,
  lines: readonly LineDraft[],
): LineDraft[] {
  if (options === undefined) return [];
  const currency = lines[0]?.exclVat.currency ?? _tariff.currency;
  const added: LineDraft[] = [];
  const overstay =
    options.overstay === undefined ? undefined : overstayLine(options.overstay, model, currency);
  if (overstay !== undefined) added.push(overstay);
  const loyalty = options.loyalty;
  if (loyalty?.freeKwh !== undefined)
    added.push(...freeKwhLines(new Exact(loyalty.freeKwh), lines, currency));
  if (loyalty?.percentOff !== undefined && !new Exact(loyalty.percentOff).isZero()) {
    added.push(percentOffLine(new Exact(loyalty.percentOff), [...lines, ...added], currency));
  }
  return added;
}
