// A rated line as it travels (RatedLine): decimal strings for every figure, the display
// amounts in currency units and the exact x3600 numerators. A line priced by a component
// gets its display amounts as unit price x volume (exact whenever the volume in hours
// terminates); any other line divides its x3600 amount, shown to 30 places if it repeats.
import { SECONDS_PER_HOUR, toPlain, type Exact } from '../model/exact-decimal.util';
import { formatMoney } from '../model/money.model';
import { hoursText } from './hours.format';
import type { LineDraft, RatedLine } from './rated-line.model';

/** Seconds as hours when the quotient terminates, else undefined. */
function exactHours(seconds: Exact): Exact | undefined {
  return seconds.dividedExactly(SECONDS_PER_HOUR);
}

interface Display {
  readonly hours: string | undefined;
  readonly excl: string;
  readonly incl: string | undefined;
}

function displayOf(line: LineDraft): Display {
  const hours = line.unit === 's' ? exactHours(line.quantity) : line.quantity;
  const hoursShown =
    line.unit !== 's' ? undefined : hours === undefined ? hoursText(line.quantity) : toPlain(hours);
  const inclDivided = () => (line.inclVat === undefined ? undefined : formatMoney(line.inclVat));
  if (line.byComponent !== true || hours === undefined) {
    return { hours: hoursShown, excl: formatMoney(line.exclVat), incl: inclDivided() };
  }
  const exclUnits = line.unitPrice.times(hours);
  const factor = line.applied?.vatFactor;
  return {
    hours: hoursShown,
    excl: toPlain(exclUnits),
    incl: factor === undefined ? inclDivided() : toPlain(exclUnits.times(factor)),
  };
}

export function presentLine(line: LineDraft): RatedLine {
  const applied = line.applied;
  const shown = displayOf(line);
  const fromComponent = line.byComponent === true ? applied : undefined;
  const vat = line.vat === undefined ? undefined : (fromComponent?.vatText ?? toPlain(line.vat));
  return {
    kind: line.kind,
    category: line.category,
    ...(line.periodIndex === undefined ? {} : { period_index: line.periodIndex }),
    ...(applied === undefined
      ? {}
      : { element_index: applied.elementIndex, component_index: applied.componentIndex }),
    restrictions: applied?.restrictions ?? [],
    quantity: toPlain(line.quantity),
    quantity_unit: line.unit,
    ...(shown.hours === undefined ? {} : { quantity_hours: shown.hours }),
    unit_price: fromComponent?.priceText ?? toPlain(line.unitPrice),
    ...(vat === undefined ? {} : { vat }),
    ...(line.stepRounding === undefined ? {} : { step_rounding: line.stepRounding }),
    excl_vat: shown.excl,
    ...(shown.incl === undefined ? {} : { incl_vat: shown.incl }),
    excl_vat_x3600: toPlain(line.exclVat.x3600),
    ...(line.inclVat === undefined ? {} : { incl_vat_x3600: toPlain(line.inclVat.x3600) }),
    ...(line.note === undefined ? {} : { note: line.note }),
  };
}
