// Raw meter facts of a session (energy register readings, charging/idle changes, start and
// end) become OCPI charging periods, split wherever a price of the tariff can change
// (price-boundaries.find.ts), so rating the periods prices every moment as it was. Pure:
// same facts, same periods.
//
// What a reading says: the energy register (Wh, cumulative) at its instant, and, when
// given, the power and current over the interval since the previous reading. The last
// reading at or before the session start is the baseline. Energy is known only at
// readings: an interval cut by a time boundary counts in the period where it ends (no
// interpolation, so amounts stay exact), while its power and current hold for every
// period it overlaps; readings after the end count for nothing. Time volumes are hours:
// exact when they terminate, else to 15 places, which the engine snaps back to the exact
// millisecond.
import { instantMs, type CdrSession } from '../model/cdr.schema';
import { Exact, SECONDS_PER_HOUR, toPlain } from '../model/exact-decimal.util';
import { RatingInputError, parseCdrSession } from '../model/input.parse';
import type { Tariff } from '../model/tariff.schema';
import { priceBoundaries, type MeterInterval } from './price-boundaries.find';

export interface MeterReading {
  /** ISO-8601 instant. */
  readonly at: string;
  /** Energy register, Wh, cumulative. */
  readonly energyWh: string | number;
  readonly powerKw?: string | number;
  readonly currentA?: string | number;
}

export interface ChargingStateChange {
  readonly at: string;
  /** true: the vehicle takes energy (TIME); false: idle while plugged in (PARKING_TIME). */
  readonly charging: boolean;
}

export interface MeterFacts {
  readonly startedAt: string;
  readonly endedAt: string;
  /** In time order; one at or before startedAt (the meter start). */
  readonly readings: readonly MeterReading[];
  /** In time order; the session charges from its start unless one at startedAt says not. */
  readonly stateChanges: readonly ChargingStateChange[];
}

const HOURS_PLACES = 15;

function refuse(path: string, message: string): never {
  throw new RatingInputError('RATING.INVALID_SESSION', [path], `${path}: ${message}`);
}

function meterIntervals(facts: MeterFacts, startMs: number): MeterInterval[] {
  const times = facts.readings.map((reading) => instantMs(reading.at));
  const baselineIndex = times.findLastIndex((ms) => ms <= startMs);
  const baseline = facts.readings[baselineIndex];
  if (baseline === undefined) return refuse('facts.readings', 'no reading at or before startedAt');
  const baseWh = new Exact(baseline.energyWh);
  const intervals: MeterInterval[] = [];
  for (let index = baselineIndex + 1; index < facts.readings.length; index += 1) {
    const reading = facts.readings[index];
    const [fromMs, toMs] = [times[index - 1] ?? startMs, times[index] ?? startMs];
    if (reading === undefined) continue;
    if (toMs < fromMs) refuse(`facts.readings[${index}].at`, 'readings must be in time order');
    const energyAfterWh = new Exact(reading.energyWh).minus(baseWh);
    const before = intervals.at(-1)?.energyAfterWh;
    if (energyAfterWh.isNegative() || (before !== undefined && energyAfterWh.lessThan(before))) {
      refuse(`facts.readings[${index}].energyWh`, 'the energy register went backwards');
    }
    intervals.push({
      fromMs,
      toMs,
      energyAfterWh,
      powerKw: reading.powerKw === undefined ? undefined : new Exact(reading.powerKw),
      currentA: reading.currentA === undefined ? undefined : new Exact(reading.currentA),
    });
  }
  return intervals;
}

function chargingAt(facts: MeterFacts, ms: number): boolean {
  let charging = true;
  for (const change of facts.stateChanges) {
    if (instantMs(change.at) > ms) break;
    charging = change.charging;
  }
  return charging;
}

function hoursText(ms: number): string {
  return toPlain(new Exact(BigInt(ms), 3).dividedBy(SECONDS_PER_HOUR, HOURS_PLACES));
}

interface Dimension {
  readonly type: string;
  readonly volume: string;
}

/** Lowest and highest of the values reported over the period, as OCPI MIN_/MAX_ dimensions. */
function range(values: readonly Exact[], min: string, max: string): Dimension[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const [low, high] = [sorted[0], sorted.at(-1)];
  if (low === undefined || high === undefined) return [];
  return [
    { type: min, volume: toPlain(low) },
    { type: max, volume: toPlain(high) },
  ];
}

function periodDimensions(
  facts: MeterFacts,
  intervals: readonly MeterInterval[],
  fromMs: number,
  toMs: number,
  energyBeforeWh: Exact,
): { dimensions: Dimension[]; energyAfterWh: Exact } {
  const overlapping = intervals.filter((i) => i.fromMs < toMs && i.toMs > fromMs);
  const ending = intervals.filter((i) => i.toMs > fromMs && i.toMs <= toMs).at(-1);
  const energyAfterWh = ending?.energyAfterWh ?? energyBeforeWh;
  const energyWh = energyAfterWh.minus(energyBeforeWh);
  const dimensions: Dimension[] = [
    { type: chargingAt(facts, fromMs) ? 'TIME' : 'PARKING_TIME', volume: hoursText(toMs - fromMs) },
  ];
  if (!energyWh.isZero()) {
    dimensions.push({ type: 'ENERGY', volume: toPlain(energyWh.shiftedRight(3)) });
  }
  const powers = overlapping.flatMap((i) => (i.powerKw === undefined ? [] : [i.powerKw]));
  const currents = overlapping.flatMap((i) => (i.currentA === undefined ? [] : [i.currentA]));
  dimensions.push(...range(powers, 'MIN_POWER', 'MAX_POWER'));
  dimensions.push(...range(currents, 'MIN_CURRENT', 'MAX_CURRENT'));
  return { dimensions, energyAfterWh };
}

/**
 * The session as OCPI charging periods for `tariff`, read in the station's zone, as a
 * validated CDR session ready for rate().
 */
export function splitIntoChargingPeriods(
  facts: MeterFacts,
  tariff: Tariff,
  timeZone: string,
): CdrSession {
  const startMs = instantMs(facts.startedAt);
  const endMs = instantMs(facts.endedAt);
  if (endMs <= startMs) refuse('facts.endedAt', 'must be after startedAt');
  const intervals = meterIntervals(facts, startMs);
  const changes = facts.stateChanges.map((change) => instantMs(change.at));
  changes.forEach((ms, index) => {
    if (index > 0 && ms < (changes[index - 1] ?? ms)) {
      refuse(`facts.stateChanges[${index}].at`, 'state changes must be in time order');
    }
  });
  const starts = [
    startMs,
    ...priceBoundaries(tariff, timeZone, startMs, endMs, changes, intervals),
  ];
  let energyBeforeWh = new Exact(0n);
  const chargingPeriods = starts.map((fromMs, index) => {
    const toMs = starts[index + 1] ?? endMs;
    const period = periodDimensions(facts, intervals, fromMs, toMs, energyBeforeWh);
    energyBeforeWh = period.energyAfterWh;
    return { start_date_time: new Date(fromMs).toISOString(), dimensions: period.dimensions };
  });
  return parseCdrSession({
    start_date_time: new Date(startMs).toISOString(),
    end_date_time: new Date(endMs).toISOString(),
    time_zone: timeZone,
    currency: tariff.currency,
    charging_periods: chargingPeriods,
  });
}
