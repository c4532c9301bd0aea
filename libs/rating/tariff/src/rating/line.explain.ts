// One human-readable sentence per rated line, for drivers, support and auditors: where the
// price came from (period, local time, element and its restrictions), the volume, the unit
// price, any step rounding and the VAT. Built from the presented line, so every figure in
// the sentence is the figure in the line.
import type { RatingSessionModel } from '../model/session-period.model';
import type { RatedLine } from './rated-line.model';

function volumeText(line: RatedLine): string {
  switch (line.quantity_unit) {
    case 'kWh':
      return `${line.quantity} kWh x ${line.unit_price}/kWh`;
    case 's':
      return `${line.quantity} s (${line.quantity_hours ?? '?'} h) x ${line.unit_price}/h`;
    case 'session':
      return `1 x ${line.unit_price}`;
  }
}

function clock(minuteOfDay: number): string {
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  return `${hours}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

function sourceText(line: RatedLine, model: RatingSessionModel): string {
  const parts: string[] = [];
  const period = line.period_index === undefined ? undefined : model.periods[line.period_index];
  if (period !== undefined) {
    parts.push(
      `period ${period.index} (${period.local.date} ${clock(period.local.minuteOfDay)} local)`,
    );
  }
  if (line.element_index !== undefined) {
    const restrictions = line.restrictions.length === 0 ? '' : ` [${line.restrictions.join('; ')}]`;
    parts.push(`element ${line.element_index}${restrictions}`);
  }
  return parts.length === 0 ? '' : ` ${parts.join(', ')}`;
}

export function explainLine(line: RatedLine, model: RatingSessionModel): string {
  const step =
    line.step_rounding === undefined
      ? ''
      : ` (step_size ${line.step_rounding.step_size}: total ${line.step_rounding.total} billed as ${line.step_rounding.billed})`;
  const rate = line.vat === undefined ? '' : ` ${line.vat}%`;
  const vat =
    line.incl_vat === undefined ? ', no VAT given' : `, ${line.incl_vat} incl.${rate} VAT`;
  const note = line.note === undefined ? '' : ` [${line.note}]`;
  return `${line.kind}${sourceText(line, model)}: ${volumeText(line)}${step} = ${line.excl_vat} excl. VAT${vat}${note}`;
}
