// rate(): prices one session against one OCPI 2.2.1 tariff, exactly and with an explanation
// per line. It never rounds money (settle() does, once). The order is the one of the
// specification: FLAT once, each period's dimensions at their first matching element,
// step_size once per dimension, then min/max price; options beyond OCPI come last.
// The sentence per line is built only when asked (`explain`): it is for people, and
// live-cost callers rate a session many times. Display strings are made on first read
// (rated-session.present.ts).
import type { CdrSession } from '../model/cdr.schema';
import { ONE, type Exact } from '../model/exact-decimal.util';
import { RatingInputError } from '../model/input.parse';
import { isValidTimeZone } from '../model/local-time.util';
import {
  buildSessionModel,
  type RatingSessionModel,
  type SessionPeriod,
} from '../model/session-period.model';
import type { Tariff, TariffDimension } from '../model/tariff.schema';
import { priceBoundLines } from './price-bounds.rule';
import {
  componentLine,
  type LineCategory,
  type LineDraft,
  type LineKind,
  type QuantityUnit,
} from './rated-line.model';
import { ratedSession, type RatedSession } from './rated-session.present';
import { stepRoundingLines } from './step-size.rule';
import { applicableComponent } from './tariff-element.match';
import { optionLines, type RatingOptions } from './rating-options.rule';

export type { RatedSession } from './rated-session.present';

export interface RatingContext {
  /** IANA zone of the station; restrictions are read in its local time. */
  readonly timeZone: string;
  readonly options?: RatingOptions;
  /** Add `explanation`, one sentence per line. Default false. */
  readonly explain?: boolean;
}

function assertRatable(session: CdrSession, tariff: Tariff, context: RatingContext): void {
  const fail = (path: string, message: string): never => {
    throw new RatingInputError('RATING.INVALID_CONTEXT', [path], `${path}: ${message}`);
  };
  if (!isValidTimeZone(context.timeZone)) fail('context.timeZone', 'unknown IANA time zone');
  if (session.currency !== undefined && session.currency !== tariff.currency) {
    fail('cdr.currency', `${session.currency} differs from tariff currency ${tariff.currency}`);
  }
  session.charging_periods.forEach((period, index) => {
    if (period.tariff_id !== undefined && period.tariff_id !== tariff.id) {
      fail(`cdr.charging_periods[${index}].tariff_id`, `is not the rated tariff ${tariff.id}`);
    }
  });
}

function flatLine(
  tariff: Tariff,
  model: RatingSessionModel,
  reservation: boolean,
): LineDraft | undefined {
  for (const period of model.periods) {
    if (period.isReservation !== reservation) continue;
    const applied = applicableComponent(tariff, 'FLAT', period, model.reservationExpired);
    if (applied === undefined) continue;
    const kind: LineKind = reservation ? 'RESERVATION_FLAT' : 'FLAT';
    const category: LineCategory = reservation ? 'RESERVATION' : 'FIXED';
    return componentLine(kind, category, tariff.currency, applied, period.index, ONE, 'session');
  }
  return undefined;
}

interface PeriodDimension {
  readonly dimension: TariffDimension;
  readonly kind: LineKind;
  readonly category: LineCategory;
  readonly unit: QuantityUnit;
  readonly volume: (period: SessionPeriod) => Exact;
}

const CHARGING_DIMENSIONS: readonly PeriodDimension[] = [
  {
    dimension: 'ENERGY',
    kind: 'ENERGY',
    category: 'ENERGY',
    unit: 'kWh',
    volume: (p) => p.energyKwh,
  },
  { dimension: 'TIME', kind: 'TIME', category: 'TIME', unit: 's', volume: (p) => p.timeS },
  {
    dimension: 'PARKING_TIME',
    kind: 'PARKING_TIME',
    category: 'PARKING',
    unit: 's',
    volume: (p) => p.parkingS,
  },
];
const RESERVATION_DIMENSIONS: readonly PeriodDimension[] = [
  {
    dimension: 'TIME',
    kind: 'RESERVATION_TIME',
    category: 'RESERVATION',
    unit: 's',
    volume: (p) => p.reservationS,
  },
];

function periodLines(tariff: Tariff, model: RatingSessionModel): LineDraft[] {
  const lines: LineDraft[] = [];
  for (const period of model.periods) {
    const dimensions = period.isReservation ? RESERVATION_DIMENSIONS : CHARGING_DIMENSIONS;
    for (const spec of dimensions) {
      const volume = spec.volume(period);
      if (volume.isZero()) continue;
      const applied = applicableComponent(tariff, spec.dimension, period, model.reservationExpired);
      if (applied === undefined) continue;
      lines.push(
        componentLine(
          spec.kind,
          spec.category,
          tariff.currency,
          applied,
          period.index,
          volume,
          spec.unit,
        ),
      );
    }
  }
  return lines;
}

export function rate(session: CdrSession, tariff: Tariff, context: RatingContext): RatedSession {
  assertRatable(session, tariff, context);
  const model = buildSessionModel(session, context.timeZone);
  const currency = tariff.currency;
  const priced = [
    flatLine(tariff, model, true),
    flatLine(tariff, model, false),
    ...periodLines(tariff, model),
  ].filter((line): line is LineDraft => line !== undefined);
  const stepped = [...priced, ...stepRoundingLines(priced, currency)];
  const bounded = [...stepped, ...priceBoundLines(tariff, stepped, currency)];
  const lines = [...bounded, ...optionLines(context.options, tariff, model, bounded)];
  return ratedSession(
    { tariff_id: tariff.id, currency, time_zone: context.timeZone },
    model,
    lines,
    context.explain === true,
  );
}
