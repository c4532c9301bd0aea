import { parseInfo } from 'nats/lib/jetstream/jsmsg';
import { partitionOfSubject, streamSequenceOfAckSubject } from './consumed-event';

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

describe('stream sequence of an ack subject', () => {
  const subjects = [
    '$JS.ACK.EVT_INGESTION.rating-p03.1.4711.20.1764000000000000000.3',
    '$JS.ACK._..t_ab12_EVT_RATING.projection.2.9007199254740991.7.1764000000000000000.0',
    '$JS.ACK.hub.ACC123.EVT_REGISTRY.registry-state.1.18.18.1764000000000000000.0.AbCd',
    '$JS.ACK.hub.ACC123.S.c.1.5.5.1.0.tok.extra',
  ];

  it('reads the sequence nats.js reads, in both ack subject layouts', () => {
    for (const subject of subjects)
      expect(streamSequenceOfAckSubject(subject)).toBe(parseInfo(subject).streamSequence);
  });

  it('reads nothing from subjects that are no ack subjects', () => {
    for (const subject of ['_INBOX.abc.1', '$JS.ACK.S.c.1.5', '$JS.ACK.S.c.1.x.5.1.0', ''])
      expect(streamSequenceOfAckSubject(subject)).toBeUndefined();
  });
});
