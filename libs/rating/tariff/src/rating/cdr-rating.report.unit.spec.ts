// The zone rule and the report shape behind `chargeledger rate`: which zone restrictions
// are read in (given one wins, else the CDR's, else a refusal naming cdr.time_zone), and
// the totals-only vs explained document.
import { aCdr } from '../support/cdr.builder';
import * as ex from '../support/ocpi-example.tariffs';
import {
  RatingInputError,
  cdrRatingReport,
  parseCdrSession,
  parseTariff,
  rate,
  resolveTimeZone,
} from '../index';

const cdrJson = aCdr('2015-06-29T07:30:00Z', [{ minutes: 60, kwh: 20 }]);

function refusal(run: () => unknown): RatingInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof RatingInputError) return error;
    throw error;
  }
  throw new Error('expected a RatingInputError');
}

describe('resolveTimeZone', () => {
  const withZone = parseCdrSession({ ...cdrJson, time_zone: 'Europe/Berlin' });
  const without = parseCdrSession(cdrJson);

  it('takes the given zone over the CDR zone, else the CDR zone', () => {
    expect(resolveTimeZone(withZone, { timeZone: 'Asia/Tokyo', field: '--tz' })).toBe('Asia/Tokyo');
    expect(resolveTimeZone(withZone)).toBe('Europe/Berlin');
  });

  it('refuses a missing or unknown zone, naming where it came from', () => {
    expect(refusal(() => resolveTimeZone(without)).fieldPaths).toEqual(['cdr.time_zone']);
    const bad = parseCdrSession({ ...cdrJson, time_zone: 'Europe/Atlantis' });
    expect(refusal(() => resolveTimeZone(bad)).message).toMatch(/^cdr\.time_zone: unknown/);
    const flag = refusal(() => resolveTimeZone(withZone, { timeZone: 'Nowhere', field: '--tz' }));
    expect(flag.fieldPaths).toEqual(['--tz']);
  });
});

describe('cdrRatingReport', () => {
  const rateWith = (explain: boolean) =>
    rate(parseCdrSession(cdrJson), parseTariff(ex.start050Plus025PerKwh), {
      timeZone: 'Europe/Berlin',
      explain,
    });

  it('puts the OCPI totals at the top level and leaves lines out unless explained', () => {
    const report = cdrRatingReport(rateWith(false));
    expect(report.total_cost).toEqual({ excl_vat: '5.5', incl_vat: '6.1' });
    expect(report.total_energy).toBe('20');
    expect(report).not.toHaveProperty('lines');
  });

  it('for a session rated with explain, gives each line its sentence', () => {
    const lines = cdrRatingReport(rateWith(true)).lines ?? [];
    expect(lines.map((line) => [line.kind, line.element_index])).toEqual([
      ['FLAT', 0],
      ['ENERGY', 0],
    ]);
    expect(lines[1]?.explanation).toContain('20 kWh x 0.25/kWh = 5 excl. VAT, 5.5 incl. 10% VAT');
  });
});
