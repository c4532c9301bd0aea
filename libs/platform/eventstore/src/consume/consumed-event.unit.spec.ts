import { partitionOfSubject } from './consumed-event';

/** The rule in its plainest form: the token four after the first `evt` token, if `pNN`. */
function partitionByTokens(subject: string): number {
  const tokens = subject.split('.');
  const index = tokens.indexOf('evt');
  const match = index < 0 ? null : /^p(\d{2})$/.exec(tokens[index + 4] ?? '');
  return match?.[1] === undefined ? -1 : Number(match[1]);
}

describe('partition of a subject', () => {
  it('reads the pNN token of an event subject, with or without a namespace prefix', () => {
    expect(partitionOfSubject('evt.ingestion.acme.session.p07.abc')).toBe(7);
    expect(partitionOfSubject('t_ab12.evt.rating.acme.tariff.p15.x.y')).toBe(15);
    expect(partitionOfSubject('gw.acme.cp-1.meter')).toBe(-1);
    expect(partitionOfSubject('evt.ingestion.acme.session.p7.abc')).toBe(-1);
  });

  it('agrees with splitting into tokens on every arrangement of awkward tokens', () => {
    const pieces = ['evt', 'p01', 'p1', 'p001', 'p99', 'x', '', 'evtx', 'xevt'];
    const disagreements: string[] = [];
    let checked = 0;
    const arrange = (prefix: string, depth: number): void => {
      if (partitionOfSubject(prefix) !== partitionByTokens(prefix)) disagreements.push(prefix);
      checked++;
      if (depth > 0) for (const piece of pieces) arrange(`${prefix}.${piece}`, depth - 1);
    };
    for (const first of pieces) arrange(first, 5);
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(60_000);
  });
});
