import { decideAll, payload, t } from '../testing/transaction-event.builder';
import { billedEnergyWh } from './session.state';

const reading = (minutes: number, kWh: number) => [{ at: t(minutes), kWh }];
const started = payload('Started', 0, t(0), reading(0, 100));
const update = (seqNo: number) =>
  payload('Updated', seqNo, t(seqNo), reading(seqNo, 100 + seqNo / 10));
const ended = (seqNo: number) => payload('Ended', seqNo, t(10), reading(10, 101));
const gapFacts = (events: readonly { type: string }[]) =>
  events.filter((e) => e.type === 'SessionMarkedIncomplete' || e.type === 'SessionMarkedComplete');

describe('session decider: seqNo gaps', () => {
  it('given seqNos 0..4 accepted, when the session ends with 5, then no gap fact', () => {
    const { events } = decideAll([started, update(1), update(2), update(3), update(4), ended(5)]);
    expect(gapFacts(events)).toEqual([]);
  });

  it('given seqNos 2 and 3 never arrived, when the session ends, then it is marked incomplete and still billed', () => {
    const { events, state } = decideAll([started, update(1), update(4), ended(5)]);
    expect(gapFacts(events)).toMatchObject([
      {
        type: 'SessionMarkedIncomplete',
        data: {
          reasonCode: 'INGESTION.SEQNO_GAP',
          missingSeqNos: [{ from: 2, to: 3 }],
          missingCount: 2,
        },
      },
    ]);
    expect(billedEnergyWh(state)).toBe('1000');
    expect(state).toMatchObject({ needsReview: false });
  });

  it('given an open session with a gap, when messages arrive, then nothing is said (they may be on their way)', () => {
    const { events } = decideAll([started, update(3)]);
    expect(gapFacts(events)).toEqual([]);
  });

  it('given an incomplete session, when late messages fill the gap, then a smaller gap, then complete, then nothing on a resend', () => {
    const given = decideAll([started, update(1), update(4), ended(5)]).state;
    const { events } = decideAll([update(2), update(3), update(3)], undefined, given);
    expect(gapFacts(events)).toMatchObject([
      {
        type: 'SessionMarkedIncomplete',
        data: { missingSeqNos: [{ from: 3, to: 3 }], missingCount: 1 },
      },
      { type: 'SessionMarkedComplete' },
    ]);
  });

  it('given an ended session, when a message without samples arrives late, then its seqNo counts as arrived', () => {
    const silent = payload('Updated', 2, t(2), [], { triggerReason: 'EVDetected' });
    const given = decideAll([started, update(1), update(3), ended(4)]).state;
    const { events } = decideAll([silent], undefined, given);
    expect(events.map((e) => e.type)).toEqual(['SessionSeqNoReceived', 'SessionMarkedComplete']);
  });

  it('given messages without samples in the middle, when the session ends, then no false gap', () => {
    const silent = payload('Updated', 1, t(1), [], { triggerReason: 'Authorized' });
    const endWithoutReading = payload('Ended', 3, t(10), []);
    const { events } = decideAll([started, silent, update(2), endWithoutReading]);
    expect(gapFacts(events)).toEqual([]);
  });

  it('given a refused message, when the session ends, then its seqNo is missing', () => {
    const decreased = payload('Updated', 2, t(2), reading(2, 99));
    const { events } = decideAll([started, update(1), decreased, update(3), ended(4)]);
    expect(gapFacts(events)).toMatchObject([{ data: { missingSeqNos: [{ from: 2, to: 2 }] } }]);
  });

  it('given an ended session, when the same Ended is resent, then no second gap fact', () => {
    const { events } = decideAll([started, update(3), ended(4), ended(4)]);
    expect(gapFacts(events)).toHaveLength(1);
  });

  it('given 1.6 stream sequences as seqNos, when the session ends, then gaps mean nothing', () => {
    const { events } = decideAll([started, update(7), ended(19)], { seqNoSource: 'stream' });
    expect(gapFacts(events)).toEqual([]);
    expect(events.map((e) => e.type)).not.toContain('SessionSeqNoReceived');
  });
});
