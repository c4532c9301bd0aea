// One human-readable sentence per rated line, for drivers, support and auditors: where the
// price came from (period, local time, element and its restrictions), the volume, the unit
// price, any step rounding and the VAT.
import { toPlain } from '../model/exact-decimal.util';
import { formatMoney } from '../model/money.model';
import type { RatingSessionModel } from '../model/session-period.model';
import { hoursText } from './cdr-totals.present';
import type { LineDraft } from './rated-line.model';

function volumeText(line: LineDraft): string {
  switch (line.unit) {
    case 'kWh':
      return `${toPlain(line.quantity)} kWh x ${toPlain(line.unitPrice)}/kWh`;
    case 's':
      return `${toPlain(line.quantity)} s (${hoursText(line.quantity)} h) x ${toPlain(line.unitPrice)}/h`;
    case 'session':
      return `1 x ${toPlain(line.unitPrice)}`;
  }
}

function sourceText(line: LineDraft, model: RatingSessionModel): string {
  const parts: string[] = [];
  const period = line.periodIndex === undefined ? undefined : model.periods[line.periodIndex];
  if (period !== undefined) {
    const minute = period.local.minuteOfDay;
    const clock = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    parts.push(`period ${period.index} (${period.local.date} ${clock} local)`);
  }
  if (line.applied !== undefined) {
    const restrictions = line.applied.restrictions;
    parts.push(
      `element ${line.applied.elementIndex}${restrictions.length === 0 ? '' : ` [${restrictions.join('; ')}]`}`,
    );
  }
  return parts.join(', ');
}

export function explainLine(line: LineDraft, model: RatingSessionModel): string {
  const source = sourceText(line, model);
  const step =
    line.stepRounding === undefined
      ? ''
      : ` (step_size ${line.stepRounding.step_size}: total ${line.stepRounding.total} billed as ${line.stepRounding.billed})`;
  const vat =
    line.inclVat === undefined
      ? line.vat === undefined
        ? ', no VAT given'
        : ''
      : `, ${formatMoney(line.inclVat)} incl.${line.vat === undefined ? '' : ` ${toPlain(line.vat)}%`} VAT`;
  const note = line.note === undefined ? '' : ` [${line.note}]`;
  return `${line.kind}${source === '' ? '' : ` ${source}`}: ${volumeText(line)}${step} = ${formatMoney(line.exclVat)} excl. VAT${vat}${note}`;
}
