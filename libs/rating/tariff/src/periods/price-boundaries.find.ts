// Where, inside a session, a price of a tariff can change: the instants at which a charging
// period has to start so that every period is priced as OCPI prices it, at its start. The
// restrictions of the tariff say where: local time of day, date and weekday (found minute
// by minute in the station's zone, so DST changes are where the zone puts them), session
// duration tiers, and energy, power and current thresholds, which change only where a
// meter reading says so. Charging/idle changes are boundaries too (TIME vs PARKING_TIME).
import { localMoment } from '../model/local-time.util';
import { WH_PER_KWH, ZERO, type Exact } from '../model/exact-decimal.util';
import type { Tariff } from '../model/tariff.schema';
import { localRestrictionsKey } from '../rating/tariff-element.match';

const MS_PER_MINUTE = 60_000;

/** A reading interval: what the meter says about (fromMs, toMs]. */
export interface MeterInterval {
  readonly fromMs: number;
  readonly toMs: number;
  /** Energy charged from the session start up to toMs, Wh. */
  readonly energyAfterWh: Exact;
  readonly powerKw: Exact | undefined;
  readonly currentA: Exact | undefined;
}

/** How many thresholds a value has reached; -1 for a value not reported. */
function band(value: Exact | undefined, thresholds: readonly Exact[]): number {
  if (value === undefined) return -1;
  return thresholds.filter((threshold) => threshold.comparedTo(value) <= 0).length;
}

function thresholds(
  tariff: Tariff,
  pick: (r: NonNullable<Tariff['elements'][number]['restrictions']>) => (Exact | undefined)[],
): Exact[] {
  return tariff.elements.flatMap((element) =>
    element.restrictions === undefined
      ? []
      : pick(element.restrictions).filter((value): value is Exact => value !== undefined),
  );
}

/** Instants in (startMs, endMs) at which the local-time restrictions change, minute by minute. */
function localTimeBoundaries(
  tariff: Tariff,
  zone: string,
  startMs: number,
  endMs: number,
): number[] {
  const result: number[] = [];
  let key = localRestrictionsKey(tariff, localMoment(zone, startMs));
  if (key === undefined) return result;
  // Local minutes start on whole UTC minutes in every zone with whole-minute offsets.
  for (
    let t = Math.floor(startMs / MS_PER_MINUTE + 1) * MS_PER_MINUTE;
    t < endMs;
    t += MS_PER_MINUTE
  ) {
    const next = localRestrictionsKey(tariff, localMoment(zone, t));
    if (next !== key) result.push(t);
    key = next;
  }
  return result;
}

function durationBoundaries(tariff: Tariff, startMs: number): number[] {
  return tariff.elements.flatMap((element) => {
    const r = element.restrictions;
    return [r?.min_duration, r?.max_duration]
      .filter((seconds): seconds is number => seconds !== undefined)
      .map((seconds) => startMs + seconds * 1000);
  });
}

/**
 * Readings at which the energy charged so far reaches a min/max_kwh threshold (energy is
 * known only at readings), or after which the reported power or current falls on the
 * other side of a min/max_power or min/max_current threshold.
 */
function meterBoundaries(tariff: Tariff, intervals: readonly MeterInterval[]): number[] {
  const wh = thresholds(tariff, (r) => [r.min_kwh, r.max_kwh]).map((kwh) => kwh.times(WH_PER_KWH));
  const kw = thresholds(tariff, (r) => [r.min_power, r.max_power]);
  const amps = thresholds(tariff, (r) => [r.min_current, r.max_current]);
  const result: number[] = [];
  let energyBand = band(ZERO, wh);
  intervals.forEach((interval, index) => {
    const reached = band(interval.energyAfterWh, wh);
    const next = intervals[index + 1];
    const rateChanges =
      next !== undefined &&
      (band(interval.powerKw, kw) !== band(next.powerKw, kw) ||
        band(interval.currentA, amps) !== band(next.currentA, amps));
    if (reached !== energyBand || rateChanges) result.push(interval.toMs);
    energyBand = reached;
  });
  return result;
}

export function priceBoundaries(
  tariff: Tariff,
  zone: string,
  startMs: number,
  endMs: number,
  stateChangesMs: readonly number[],
  intervals: readonly MeterInterval[],
): number[] {
  const all = [
    ...stateChangesMs,
    ...localTimeBoundaries(tariff, zone, startMs, endMs),
    ...durationBoundaries(tariff, startMs),
    ...meterBoundaries(tariff, intervals),
  ];
  return [...new Set(all.filter((ms) => ms > startMs && ms < endMs))].sort((a, b) => a - b);
}
