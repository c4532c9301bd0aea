// step_size (mod_tariffs "PriceComponent", mod_cdrs step_size notes): applied once per
// session per dimension, on the total priced volume of that dimension, with the step of the
// last component used; the extra volume is billed at that last priced period's price.
// TIME and PARKING_TIME share one rounding: when priced parking occurred, only the parking
// total rounds ("step_size is only taken into account for the total parking duration"),
// otherwise the charging time does. Reservation time rounds on its own.
import { Exact, ZERO, ceilToStep, toPlain } from '../model/exact-decimal.util';
import {
  componentLine,
  type LineCategory,
  type LineDraft,
  type LineKind,
} from './rated-line.model';

function roundingLine(
  lines: readonly LineDraft[],
  kind: LineKind,
  category: LineCategory,
  currency: string,
): LineDraft | undefined {
  let total = ZERO;
  let last: LineDraft | undefined;
  for (const line of lines) {
    if (line.kind !== kind) continue;
    total = total.plus(line.quantity);
    last = line;
  }
  const applied = last?.applied;
  if (last === undefined || applied === undefined) return undefined;
  const stepSize = applied.component.step_size;
  if (stepSize === 0) return undefined;
  const step = new Exact(BigInt(stepSize), kind === 'ENERGY' ? 3 : 0); // Wh as kWh, or s
  const billed = ceilToStep(total, step);
  const extra = billed.minus(total);
  if (extra.isZero()) return undefined;
  return componentLine(kind, category, currency, applied, last.periodIndex, extra, last.unit, {
    step_size: stepSize,
    total: toPlain(total),
    billed: toPlain(billed),
  });
}

export function stepRoundingLines(lines: readonly LineDraft[], currency: string): LineDraft[] {
  const pricedParking = lines.some((line) => line.kind === 'PARKING_TIME');
  const candidates = [
    roundingLine(lines, 'ENERGY', 'ENERGY', currency),
    pricedParking
      ? roundingLine(lines, 'PARKING_TIME', 'PARKING', currency)
      : roundingLine(lines, 'TIME', 'TIME', currency),
    roundingLine(lines, 'RESERVATION_TIME', 'RESERVATION', currency),
  ];
  return candidates.filter((line): line is LineDraft => line !== undefined);
}
