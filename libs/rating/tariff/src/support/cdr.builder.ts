// Test support: builds CDR-like sessions from minutes and kWh, so a test reads like the
// worked example it checks ("charges 147 minutes at 16 A, then parks 42 minutes").
export interface PeriodSpec {
  /** Length of the period in minutes. */
  readonly minutes: number;
  readonly kwh?: number | string;
  /** The period is charging time (TIME) unless parking or reservation is set. */
  readonly parking?: boolean;
  readonly reservation?: boolean;
  readonly maxCurrent?: number;
  readonly minCurrent?: number;
  readonly maxPower?: number;
  readonly minPower?: number;
}

interface Dimension {
  type: string;
  volume: number | string;
}

export interface CdrJson {
  start_date_time: string;
  end_date_time: string;
  charging_periods: { start_date_time: string; dimensions: Dimension[] }[];
}

function hours(minutes: number): string {
  return (minutes / 60).toFixed(10);
}

export function aCdr(startIso: string, periods: readonly PeriodSpec[]): CdrJson {
  const startMs = Date.parse(startIso);
  let offsetMin = 0;
  const chargingPeriods = periods.map((spec) => {
    const dimensions: Dimension[] = [];
    if (spec.reservation === true) {
      dimensions.push({ type: 'RESERVATION_TIME', volume: hours(spec.minutes) });
    } else {
      if (spec.kwh !== undefined) dimensions.push({ type: 'ENERGY', volume: spec.kwh });
      dimensions.push({
        type: spec.parking === true ? 'PARKING_TIME' : 'TIME',
        volume: hours(spec.minutes),
      });
    }
    if (spec.maxCurrent !== undefined)
      dimensions.push({ type: 'MAX_CURRENT', volume: spec.maxCurrent });
    if (spec.minCurrent !== undefined)
      dimensions.push({ type: 'MIN_CURRENT', volume: spec.minCurrent });
    if (spec.maxPower !== undefined) dimensions.push({ type: 'MAX_POWER', volume: spec.maxPower });
    if (spec.minPower !== undefined) dimensions.push({ type: 'MIN_POWER', volume: spec.minPower });
    const period = {
      start_date_time: new Date(startMs + offsetMin * 60_000).toISOString(),
      dimensions,
    };
    offsetMin += spec.minutes;
    return period;
  });
  return {
    start_date_time: new Date(startMs).toISOString(),
    end_date_time: new Date(startMs + offsetMin * 60_000).toISOString(),
    charging_periods: chargingPeriods,
  };
}
