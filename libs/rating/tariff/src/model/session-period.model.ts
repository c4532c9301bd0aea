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
  /** Energy over all periods, kWh. */
  readonly energyKwh: Exact;
  /** PARKING_TIME over all periods, seconds. */
  readonly parkingS: Exact;
  /** The session has reservation periods and nothing else: the reservation expired. */
  readonly reservationExpired: boolean;
}

/**
 * Hours from a CDR become seconds. CDR hours are often written with ~10 digits
 * (10 min = 0.1666666667 h), so the product is snapped to whole milliseconds: OCPI times
 * have second resolution, and without the snap a step of 600 s would bill 1200 s.
 */
function hoursToSeconds(hours: Exact): Exact {
  return hours.isZero() ? ZERO : hours.times(SECONDS_PER_HOUR).toDecimalPlaces(3);
}

type CdrPeriod = CdrSession['charging_periods'][number];
type Volumes = Partial<Record<CdrDimensionType, Exact>>;

/** Volumes by dimension type; a type listed twice in one period counts twice. */
function volumesOf(period: CdrPeriod): Volumes {
  const volumes: Volumes = {};
  for (const dimension of period.dimensions) {
    const known = volumes[dimension.type];
    volumes[dimension.type] = known === undefined ? dimension.volume : known.plus(dimension.volume);
  }
  return volumes;
}

export function buildSessionModel(session: CdrSession, timeZone: string): RatingSessionModel {
  const startMs = instantMs(session.start_date_time);
  const endMs = instantMs(session.end_date_time);
  const starts = session.charging_periods.map((period) => instantMs(period.start_date_time));
  const periods: SessionPeriod[] = [];
  let energyBeforeKwh = ZERO;
  let parkingS = ZERO;
  session.charging_periods.forEach((period, index) => {
    const periodStart = starts[index] ?? startMs;
    const volumes = volumesOf(period);
    const energyKwh = volumes.ENERGY ?? ZERO;
    const minCurrent = volumes.MIN_CURRENT;
    const maxCurrent = volumes.MAX_CURRENT;
    const minPower = volumes.MIN_POWER;
    const maxPower = volumes.MAX_POWER;
    const periodParkingS = hoursToSeconds(volumes.PARKING_TIME ?? ZERO);
    periods.push({
      index,
      startMs: periodStart,
      endMs: starts[index + 1] ?? endMs,
      local: localMoment(timeZone, periodStart),
      energyKwh,
      timeS: hoursToSeconds(volumes.TIME ?? ZERO),
      parkingS: periodParkingS,
      reservationS: hoursToSeconds(volumes.RESERVATION_TIME ?? ZERO),
      // A period that reports only one of min/max reports the value for both bounds.
      minCurrentA: minCurrent ?? maxCurrent,
      maxCurrentA: maxCurrent ?? minCurrent,
      minPowerKw: minPower ?? maxPower,
      maxPowerKw: maxPower ?? minPower,
      energyBeforeKwh,
      elapsedS: (periodStart - startMs) / 1000,
      isReservation: volumes.RESERVATION_TIME !== undefined,
    });
    energyBeforeKwh = energyKwh.isZero() ? energyBeforeKwh : energyBeforeKwh.plus(energyKwh);
    parkingS = periodParkingS.isZero() ? parkingS : parkingS.plus(periodParkingS);
  });
  const reservationExpired = periods.every((period) => period.isReservation);
  return {
    startMs,
    endMs,
    periods,
    energyKwh: energyBeforeKwh,
    parkingS,
    reservationExpired,
  };
}
