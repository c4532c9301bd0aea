/**
 * T16: a station's buffered samples arrive in any order; the billed energy and the recorded
 * samples equal the in-order run. Seeded; the seed is printed on failure.
 */
import fc from 'fast-check';
import { ingest, payload, t } from '../testing/transaction-event.builder';
import { decideSession } from './session.decider';
import {
  billedEnergyWh,
  evolveSession,
  inBillingOrder,
  sessionInitialState,
  type SessionState,
} from './session.state';

function run(payloads: readonly unknown[]): SessionState {
  let state: SessionState = sessionInitialState;
  for (const body of payloads) {
    const events = decideSession(ingest(body), state);
    if (events.some((e) => e.type === 'RawEventRejected'))
      throw new Error(`plausible sample rejected: ${JSON.stringify(events)}`);
    state = events.reduce(evolveSession, state);
  }
  return state;
}

const sessionArb = fc
  .array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 30 })
  .map((stepsWh) => {
    let registerWh = 50_000;
    const updates = stepsWh.map((stepWh, i) => {
      // at most 300 Wh a minute (18 kW) stays under the 22 kW connector
      registerWh += stepWh;
      return payload('Updated', i + 1, t(i + 1), [{ at: t(i + 1), kWh: registerWh / 1000 }]);
    });
    const endAt = t(stepsWh.length + 1);
    const end = payload('Ended', stepsWh.length + 1, endAt, [
      { at: endAt, kWh: registerWh / 1000 },
    ]);
    return { updates, end };
  });

describe('session decider: arrival order (T16)', () => {
  it('a shuffled arrival gives the in-order billed energy and samples', () => {
    const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
    const start = payload('Started', 0, t(0), [{ at: t(0), kWh: 50 }]);
    const property = fc.property(
      sessionArb.chain((s) =>
        fc.tuple(
          fc.constant(s),
          fc.shuffledSubarray(s.updates, { minLength: s.updates.length }),
          fc.boolean(),
        ),
      ),
      ([{ updates, end }, shuffled, endFirst]) => {
        const inOrder = run([start, ...updates, end]);
        const arrival = endFirst ? [start, end, ...shuffled] : [start, ...shuffled, end];
        const outOfOrder = run(arrival);
        expect(billedEnergyWh(outOfOrder)).toBe(billedEnergyWh(inOrder));
        const openInOrder = run([start, ...updates]);
        expect(billedEnergyWh(run([start, ...shuffled]))).toBe(billedEnergyWh(openInOrder));
        if (inOrder.status === 'unknown' || outOfOrder.status === 'unknown')
          throw new Error('no session');
        expect(inBillingOrder(outOfOrder.samples)).toEqual(inOrder.samples);
      },
    );
    const result = fc.check(property, { seed, numRuns: 200 });
    if (result.failed) {
      throw new Error(
        `T16 failed; rerun with FC_SEED=${seed}\n${fc.defaultReportMessage(result) ?? ''}`,
      );
    }
  });
});
