// Test support: a second, deliberately simple rating of the same rules, written separately
// from the engine and sharing no code with it. It walks the session minute by minute, finds
// the price of each minute by scanning the tariff again, keeps money as BigInt fractions,
// and reads local time through Intl instead of luxon. Sessions it accepts: whole-minute
// periods, energy in whole Wh, no reservations.

export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function frac(n: bigint, d = 1n): Fraction {
  const g = gcd(n, d);
  return d < 0n ? { n: -n / g, d: -d / g } : { n: n / g, d: d / g };
}

export function fromDecimal(text: string): Fraction {
  const [whole = '0', part = ''] = text.replace('-', '').split('.');
  const sign = text.startsWith('-') ? -1n : 1n;
  return frac(sign * BigInt(whole + part), 10n ** BigInt(part.length));
}

const add = (a: Fraction, b: Fraction) => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Fraction, b: Fraction) => frac(a.n * b.n, a.d * b.d);
const less = (a: Fraction, b: Fraction) => a.n * b.d < b.n * a.d;
export const sameFraction = (a: Fraction, b: Fraction) => a.n === b.n && a.d === b.d;

export interface RefComponent {
  type: 'FLAT' | 'ENERGY' | 'TIME' | 'PARKING_TIME';
  price: string;
  vat?: number;
  step_size: number;
}
export interface RefRestrictions {
  start_time?: string;
  end_time?: string;
  day_of_week?: string[];
  min_kwh?: number;
  max_kwh?: number;
  min_duration?: number;
  max_duration?: number;
  min_power?: number;
  max_power?: number;
}
export interface RefTariff {
  elements: { price_components: RefComponent[]; restrictions?: RefRestrictions }[];
  min_price?: { excl_vat: string; incl_vat?: string };
  max_price?: { excl_vat: string; incl_vat?: string };
}
export interface RefPeriod {
  minutes: number;
  wh: number;
  parking: boolean;
  powerKw?: number;
}
export interface RefResult {
  excl: Fraction;
  incl: Fraction | undefined;
}

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function localParts(zone: string, ms: number) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  const parts = Object.fromEntries(
    format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    day: DAYS[SHORT_DAYS.indexOf(String(parts.weekday))],
  };
}

interface Moment {
  local: ReturnType<typeof localParts>;
  elapsedS: number;
  whBefore: number;
  powerKw: number | undefined;
}

function holds(r: RefRestrictions | undefined, at: Moment): boolean {
  if (r === undefined) return true;
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const t = at.local.minute;
  const start = r.start_time === undefined ? undefined : toMin(r.start_time);
  const end = r.end_time === undefined ? undefined : toMin(r.end_time) || 1440;
  if (start !== undefined && end !== undefined) {
    const inside = start < end ? t >= start && t < end : start > end ? t >= start || t < end : true;
    if (!inside) return false;
  } else if (start !== undefined && t < start) return false;
  else if (end !== undefined && t >= end) return false;
  if (r.day_of_week && r.day_of_week.length > 0 && !r.day_of_week.includes(String(at.local.day)))
    return false;
  if (r.min_kwh !== undefined && at.whBefore < r.min_kwh * 1000) return false;
  if (r.max_kwh !== undefined && at.whBefore >= r.max_kwh * 1000) return false;
  if (r.min_duration !== undefined && at.elapsedS < r.min_duration) return false;
  if (r.max_duration !== undefined && at.elapsedS >= r.max_duration) return false;
  if (r.min_power !== undefined && (at.powerKw === undefined || at.powerKw < r.min_power))
    return false;
  if (r.max_power !== undefined && (at.powerKw === undefined || at.powerKw >= r.max_power))
    return false;
  return true;
}

function find(tariff: RefTariff, type: RefComponent['type'], at: Moment): RefComponent | undefined {
  for (const element of tariff.elements) {
    const component = element.price_components.find((c) => c.type === type);
    if (component && holds(element.restrictions, at)) return component;
  }
  return undefined;
}

export function referenceRate(
  tariff: RefTariff,
  startMs: number,
  zone: string,
  periods: RefPeriod[],
): RefResult {
  const sum: { excl: Fraction; incl: Fraction | undefined } = { excl: frac(0n), incl: frac(0n) };
  const charge = (component: RefComponent, amount: Fraction) => {
    sum.excl = add(sum.excl, amount);
    sum.incl =
      component.vat === undefined || sum.incl === undefined
        ? undefined
        : add(sum.incl, mul(amount, frac(BigInt(100 + component.vat), 100n)));
  };
  const minutesBy = { TIME: 0, PARKING_TIME: 0 };
  const last: Partial<Record<RefComponent['type'], RefComponent>> = {};
  let whBefore = 0;
  let pricedWh = 0;
  let elapsedMin = 0;
  let flatDone = false;
  for (const period of periods) {
    const at: Moment = {
      local: localParts(zone, startMs + elapsedMin * 60_000),
      elapsedS: elapsedMin * 60,
      whBefore,
      powerKw: period.powerKw,
    };
    const flat = flatDone ? undefined : find(tariff, 'FLAT', at);
    if (flat) {
      charge(flat, fromDecimal(flat.price));
      flatDone = true;
    }
    const energy = period.wh > 0 ? find(tariff, 'ENERGY', at) : undefined;
    if (energy) {
      charge(energy, mul(fromDecimal(energy.price), frac(BigInt(period.wh), 1000n)));
      pricedWh += period.wh;
      last.ENERGY = energy;
    }
    const type = period.parking ? 'PARKING_TIME' : 'TIME';
    for (let minute = 0; minute < period.minutes; minute += 1) {
      const component = find(tariff, type, at); // price fixed at the period's start
      if (!component) continue;
      charge(component, mul(fromDecimal(component.price), frac(1n, 60n)));
      minutesBy[type] += 1;
      last[type] = component;
    }
    whBefore += period.wh;
    elapsedMin += period.minutes;
  }
  const energyStep = last.ENERGY?.step_size ?? 0;
  if (last.ENERGY && energyStep > 0) {
    const extraWh = Math.ceil(pricedWh / energyStep) * energyStep - pricedWh;
    charge(last.ENERGY, mul(fromDecimal(last.ENERGY.price), frac(BigInt(extraWh), 1000n)));
  }
  const timeType = minutesBy.PARKING_TIME > 0 ? 'PARKING_TIME' : 'TIME';
  const timeComponent = last[timeType];
  if (timeComponent && timeComponent.step_size > 0) {
    const seconds = minutesBy[timeType] * 60;
    const extraS = Math.ceil(seconds / timeComponent.step_size) * timeComponent.step_size - seconds;
    charge(timeComponent, mul(fromDecimal(timeComponent.price), frac(BigInt(extraS), 3600n)));
  }
  let boundedExcl = sum.excl;
  let boundedIncl = sum.incl;
  for (const [bound, isMin] of [
    [tariff.min_price, true],
    [tariff.max_price, false],
  ] as const) {
    if (!bound) continue;
    const e = fromDecimal(bound.excl_vat);
    if (isMin ? less(boundedExcl, e) : less(e, boundedExcl)) boundedExcl = e;
    if (boundedIncl !== undefined && bound.incl_vat !== undefined) {
      const i = fromDecimal(bound.incl_vat);
      if (isMin ? less(boundedIncl, i) : less(i, boundedIncl)) boundedIncl = i;
    }
  }
  return { excl: boundedExcl, incl: boundedIncl };
}
