// Turns a validated CDR session into the periods rating works on: each with its instant
// bounds, its volumes in the units step sizes use (kWh and seconds), the values its
// restrictions can test, and the facts that depend on the periods before it (energy
// already charged, wall-clock time since the session started).
import type { CdrDimensionType, CdrSession } from './cdr.schema';
import { instantMs } from './cdr.schema';
import { Exact, SECONDS_PER_HOUR, ZERO } from './exact-decimal.util';
import { localMoment, type LocalMoment } from './local-time.util';

export interface SessionPeriod {
  readonly index: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly local: LocalMoment;
  readonly energyKwh: Exact;
  readonly timeS: Exact;
  readonly parkingS: Exact;
  readonly reservationS: Exact;
  readonly minCurrentA: Exact | undefined;
  readonly maxCurrentA: Exact | undefined;
  readonly minPowerKw: Exact | undefined;
  readonly maxPowerKw: Exact | undefined;
  /** Energy charged in all earlier periods, kWh. */
  readonly energyBeforeKwh: Exact;
  /** Wall-clock seconds from session start to this period's start. */
  readonly elapsedS: number;
  /** A period with RESERVATION_TIME is a reservation period, priced only by reservation elements. */
  readonly isReservation: boolean;
}

export interface RatingSessionModel {
  readonly startMs: number;
  readonly endMs: number;
  readonly periods: readonly SessionPeriod[];
  /** The session has reservation periods and nothing else: the reservation expired. */
  readonly reservationExpired: boolean;
}

/**
 * Hours from a CDR become seconds. CDR hours are often written with ~10 digits
 * (10 min = 0.1666666667 h), so the product is snapped to whole milliseconds: OCPI times
 * have second resolution, and without the snap a step of 600 s would bill 1200 s.
 */
function hoursToSeconds(hours: Exact): Exact {
  return hours.times(SECONDS_PER_HOUR).toDecimalPlaces(3);
}

function sumOf(period: CdrSession['charging_periods'][number], type: CdrDimensionType): Exact {
  let total = ZERO;
  for (const dimension of period.dimensions) {
    if (dimension.type === type) total = total.plus(dimension.volume);
  }
  return total;
}

function valueOf(
  period: CdrSession['charging_periods'][number],
  type: CdrDimensionType,
): Exact | undefined {
  return period.dimensions.find((dimension) => dimension.type === type)?.volume;
}

export function buildSessionModel(session: CdrSession, timeZone: string): RatingSessionModel {
  const startMs = instantMs(session.start_date_time);
  const endMs = instantMs(session.end_date_time);
  const starts = session.charging_periods.map((period) => instantMs(period.start_date_time));
  const periods: SessionPeriod[] = [];
  let energyBeforeKwh = ZERO;
  session.charging_periods.forEach((period, index) => {
    const periodStart = starts[index] ?? startMs;
    const energyKwh = sumOf(period, 'ENERGY');
    const reservationH = sumOf(period, 'RESERVATION_TIME');
    const minCurrent = valueOf(period, 'MIN_CURRENT');
    const maxCurrent = valueOf(period, 'MAX_CURRENT');
    const minPower = valueOf(period, 'MIN_POWER');
    const maxPower = valueOf(period, 'MAX_POWER');
    periods.push({
      index,
      startMs: periodStart,
      endMs: starts[index + 1] ?? endMs,
      local: localMoment(timeZone, periodStart),
      energyKwh,
      timeS: hoursToSeconds(sumOf(period, 'TIME')),
      parkingS: hoursToSeconds(sumOf(period, 'PARKING_TIME')),
      reservationS: hoursToSeconds(reservationH),
      // A period that reports only one of min/max reports the value for both bounds.
      minCurrentA: minCurrent ?? maxCurrent,
      maxCurrentA: maxCurrent ?? minCurrent,
      minPowerKw: minPower ?? maxPower,
      maxPowerKw: maxPower ?? minPower,
      energyBeforeKwh,
      elapsedS: (periodStart - startMs) / 1000,
      isReservation: period.dimensions.some((dimension) => dimension.type === 'RESERVATION_TIME'),
    });
    energyBeforeKwh = energyBeforeKwh.plus(energyKwh);
  });
  const reservationExpired = periods.every((period) => period.isReservation);
  return { startMs, endMs, periods, reservationExpired };
}
