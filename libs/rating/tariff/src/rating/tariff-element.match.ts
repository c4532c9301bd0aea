// Which tariff element prices a dimension in a period (mod_tariffs "Tariff Object"): per
// dimension, independently, the first element in list order that has a component of that
// dimension and whose restrictions all hold at the period's start. No match means the
// dimension is free in that period. Restrictions are compiled once per tariff.
import { DAYS_OF_WEEK } from '../model/tariff.schema';
import type {
  PriceComponent,
  Tariff,
  TariffDimension,
  TariffRestrictions,
} from '../model/tariff.schema';
import { ONE, SECONDS_PER_HOUR, toPlain, type Exact } from '../model/exact-decimal.util';
import type { LocalMoment } from '../model/local-time.util';
import type { SessionPeriod } from '../model/session-period.model';

const MINUTES_PER_DAY = 1440;

interface CompiledElement {
  readonly index: number;
  readonly restrictions: TariffRestrictions;
  readonly startMinute: number | undefined;
  /** 00:00 as an end means the end of the day. */
  readonly endMinute: number | undefined;
  readonly weekdays: ReadonlySet<number> | undefined;
  readonly components: ReadonlyMap<TariffDimension, AppliedComponent>;
}

export interface AppliedComponent {
  readonly elementIndex: number;
  readonly componentIndex: number;
  readonly component: PriceComponent;
  /** Price times 3600: the x3600 amount of one kWh or one session. */
  readonly priceX3600: Exact;
  /** 1 + vat/100, or undefined when the component gives no VAT. */
  readonly vatFactor: Exact | undefined;
  /** price and vat as canonical decimal strings, made once per tariff for presentation. */
  readonly priceText: string;
  readonly vatText: string | undefined;
  /** The restrictions of the element, as `name=value`, for the explanation. */
  readonly restrictions: readonly string[];
}

function minuteOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function summarise(restrictions: TariffRestrictions): string[] {
  return Object.entries(restrictions)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`);
}

function compile(tariff: Tariff): CompiledElement[] {
  return tariff.elements.map((element, index) => {
    const restrictions = element.restrictions ?? {};
    const components = new Map<TariffDimension, AppliedComponent>();
    const summary = summarise(restrictions);
    element.price_components.forEach((component, componentIndex) => {
      if (components.has(component.type)) return;
      components.set(component.type, {
        elementIndex: index,
        componentIndex,
        component,
        restrictions: summary,
        priceText: toPlain(component.price),
        vatText: component.vat === undefined ? undefined : toPlain(component.vat),
        priceX3600: component.price.times(SECONDS_PER_HOUR),
        vatFactor:
          component.vat === undefined ? undefined : ONE.plus(component.vat.shiftedRight(2)),
      });
    });
    const endMinute =
      restrictions.end_time === undefined ? undefined : minuteOf(restrictions.end_time);
    const days = restrictions.day_of_week;
    return {
      index,
      restrictions,
      startMinute:
        restrictions.start_time === undefined ? undefined : minuteOf(restrictions.start_time),
      endMinute: endMinute === 0 ? MINUTES_PER_DAY : endMinute,
      weekdays:
        days === undefined || days.length === 0
          ? undefined
          : new Set(days.map((day) => DAYS_OF_WEEK.indexOf(day) + 1)),
      components,
    };
  });
}

const compiled = new WeakMap<Tariff, CompiledElement[]>();

function elementsOf(tariff: Tariff): CompiledElement[] {
  const known = compiled.get(tariff);
  if (known) return known;
  const fresh = compile(tariff);
  compiled.set(tariff, fresh);
  return fresh;
}

function timeOfDayHolds(element: CompiledElement, minute: number): boolean {
  const { startMinute: start, endMinute: end } = element;
  if (start !== undefined && end !== undefined) {
    if (start < end) return minute >= start && minute < end;
    if (start > end) return minute >= start || minute < end; // wraps past midnight
    return true; // start == end: the whole day
  }
  if (start !== undefined) return minute >= start;
  if (end !== undefined) return minute < end;
  return true;
}

/** min inclusive, max exclusive; a bound on a value the period does not report fails. */
function withinBounds(value: Exact | undefined, min: Exact | undefined, max: Exact | undefined) {
  if (min === undefined && max === undefined) return true;
  if (value === undefined) return false;
  if (min !== undefined && value.lessThan(min)) return false;
  return max === undefined || value.lessThan(max);
}

function localRestrictionsHold(element: CompiledElement, local: LocalMoment): boolean {
  const r = element.restrictions;
  if (!timeOfDayHolds(element, local.minuteOfDay)) return false;
  if (r.start_date !== undefined && local.date < r.start_date) return false;
  if (r.end_date !== undefined && local.date >= r.end_date) return false;
  return element.weekdays === undefined || element.weekdays.has(local.weekday);
}

/**
 * Which elements' local-time restrictions (time of day, date, weekday) hold at a local
 * moment, as a key: where the key changes, a price can change. undefined when no element
 * has such a restriction.
 */
export function localRestrictionsKey(tariff: Tariff, local: LocalMoment): string | undefined {
  const elements = elementsOf(tariff).filter(
    (element) =>
      element.startMinute !== undefined ||
      element.endMinute !== undefined ||
      element.weekdays !== undefined ||
      element.restrictions.start_date !== undefined ||
      element.restrictions.end_date !== undefined,
  );
  if (elements.length === 0) return undefined;
  return elements.map((element) => (localRestrictionsHold(element, local) ? '1' : '0')).join('');
}

function restrictionsHold(element: CompiledElement, period: SessionPeriod): boolean {
  const r = element.restrictions;
  if (!localRestrictionsHold(element, period.local)) return false;
  if (r.min_duration !== undefined && period.elapsedS < r.min_duration) return false;
  if (r.max_duration !== undefined && period.elapsedS >= r.max_duration) return false;
  return (
    withinBounds(period.energyBeforeKwh, r.min_kwh, r.max_kwh) &&
    withinBounds(period.minCurrentA, r.min_current, undefined) &&
    withinBounds(period.maxCurrentA, undefined, r.max_current) &&
    withinBounds(period.minPowerKw, r.min_power, undefined) &&
    withinBounds(period.maxPowerKw, undefined, r.max_power)
  );
}

function firstMatch(
  elements: readonly CompiledElement[],
  dimension: TariffDimension,
  period: SessionPeriod,
  reservation: TariffRestrictions['reservation'],
): AppliedComponent | undefined {
  for (const element of elements) {
    if (element.restrictions.reservation !== reservation) continue;
    const applied = element.components.get(dimension);
    if (applied === undefined || !restrictionsHold(element, period)) continue;
    return applied;
  }
  return undefined;
}

/**
 * Charging periods see only elements without a reservation restriction; reservation periods
 * only RESERVATION elements, and after an expired reservation RESERVATION_EXPIRES elements
 * first (mod_tariffs "ReservationRestrictionType": they take precedence for an expiry).
 */
export function applicableComponent(
  tariff: Tariff,
  dimension: TariffDimension,
  period: SessionPeriod,
  reservationExpired: boolean,
): AppliedComponent | undefined {
  const elements = elementsOf(tariff);
  if (!period.isReservation) return firstMatch(elements, dimension, period, undefined);
  const onExpiry = reservationExpired
    ? firstMatch(elements, dimension, period, 'RESERVATION_EXPIRES')
    : undefined;
  return onExpiry ?? firstMatch(elements, dimension, period, 'RESERVATION');
}
