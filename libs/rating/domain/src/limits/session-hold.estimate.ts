/**
 * The hold amount of a session that just started: the tariff engine's cost ceiling of
 * the version valid at the start over the session's effective duration and energy
 * limits (rating's hold defaults where it has none), plus the version's overstay fee
 * over the whole duration (the engine adds it after min/max price, so the ceiling does
 * not bound it), rounded UP to the currency's minor unit. It is a bound for the payment
 * hold, not a bill: the settlement's one rounding point does not apply. A cost limit
 * does not lower it: a limit stops a session once reached, and what the station
 * delivers until it stops is billed too. Without a tariff version at the start there is
 * nothing to bound: the hold is refused with the final rating's code.
 */
import Decimal from 'decimal.js';
import type {
  EventData,
  SessionHoldAmountEstimatedV1,
  SessionHoldAmountRefusedV1,
} from '@chargeledger/contracts';
import { costCeiling, minorUnitDigits, parseTariff } from '@chargeledger/rating/tariff';
import type { TariffVersionData } from '../tariff/tariff.decider';
import type { OpenSessionFacts } from '../session/session-facts';
import {
  effectiveLimits,
  type EffectiveLimits,
  type LimitSetting,
} from './effective-limits.resolve';
import type { SessionTariff } from './session-tariff.resolve';

/** Wide enough that x / 3600 of any tariff price is exact to far below a minor unit. */
const Exact = Decimal.clone({ precision: 80 });

export interface HoldDefaults {
  readonly maxDurationS: number;
  readonly maxEnergyWh: number;
}

export type HoldEstimate = Omit<
  EventData<typeof SessionHoldAmountEstimatedV1>,
  'sessionId' | 'stationId' | 'tokenRef'
>;

interface Price {
  readonly excl: Decimal;
  readonly incl: Decimal | undefined;
}

function overstayCeiling(version: TariffVersionData, maxDurationS: number): Price {
  const overstay = version.ratingOptions?.overstay;
  if (overstay === undefined) return { excl: new Exact(0), incl: new Exact(0) };
  const billedS =
    overstay.stepS > 0 ? Math.ceil(maxDurationS / overstay.stepS) * overstay.stepS : maxDurationS;
  const excl = new Exact(overstay.pricePerHour).times(billedS).div(3_600);
  return {
    excl,
    incl:
      overstay.vat === undefined ? undefined : excl.times(new Exact(overstay.vat).div(100).plus(1)),
  };
}

export function estimateHold(
  version: TariffVersionData,
  limits: EffectiveLimits,
  defaults: HoldDefaults,
): HoldEstimate {
  const bound = (limit: EffectiveLimits['duration'], fallback: number) =>
    limit === undefined
      ? { value: fallback, source: 'default' as const }
      : { value: Number(limit.value), source: 'limit' as const };
  const maxDurationS = bound(limits.duration, defaults.maxDurationS);
  const maxEnergyWh = bound(limits.energy, defaults.maxEnergyWh);
  const ceiling = costCeiling(parseTariff(version.tariff), {
    maxDurationS: maxDurationS.value,
    maxEnergyKwh: new Exact(maxEnergyWh.value).div(1_000).toFixed(),
  });
  const overstay = overstayCeiling(version, maxDurationS.value);
  const digits = minorUnitDigits(version.currency);
  const up = (amount: Decimal) => amount.toDecimalPlaces(digits, Decimal.ROUND_UP).toFixed(digits);
  const inclVat =
    ceiling.incl_vat === undefined || overstay.incl === undefined
      ? undefined
      : up(new Exact(ceiling.incl_vat).plus(overstay.incl));
  return {
    tariff: { tariffId: version.tariffId, version: version.version },
    currency: version.currency,
    amountExclVat: up(new Exact(ceiling.excl_vat).plus(overstay.excl)),
    ...(inclVat === undefined ? {} : { amountInclVat: inclVat }),
    maxDurationS,
    maxEnergyWh,
  };
}

export type HoldOutcome =
  | { readonly kind: 'estimated'; readonly data: EventData<typeof SessionHoldAmountEstimatedV1> }
  | { readonly kind: 'refused'; readonly data: EventData<typeof SessionHoldAmountRefusedV1> };

/** The hold of a session at its start, under the limits in effect then. */
export function decideHold(
  facts: OpenSessionFacts,
  tariff: SessionTariff,
  settings: readonly LimitSetting[],
  defaults: HoldDefaults,
): HoldOutcome {
  const { sessionId, stationId, startedAt, tokenRef } = facts;
  if (tariff.status === 'missing') {
    const { status: _status, ...reason } = tariff;
    return { kind: 'refused', data: { sessionId, stationId, startedAt, ...reason } };
  }
  const limits = effectiveLimits(settings, startedAt, startedAt);
  return {
    kind: 'estimated',
    data: {
      sessionId,
      stationId,
      ...(tokenRef === undefined ? {} : { tokenRef }),
      ...estimateHold(tariff.version, limits, defaults),
    },
  };
}
