import { sessionIdOf } from '@chargeledger/contracts';
import { ingest, OPERATOR, payload, STATION, t, TX } from '../testing/transaction-event.builder';
import type { IngestionReasonCode } from './ingestion-rejection';
import type { DecidedEvent } from './session.command';
import { decideSession } from './session.decider';
import {
  billedEnergyWh,
  evolveSession,
  sessionInitialState,
  type SessionState,
} from './session.state';

const SESSION = sessionIdOf(OPERATOR, STATION, TX);
const started = payload('Started', 0, t(0), [{ at: t(0), kWh: 100 }]);
const updated = payload('Updated', 1, t(10), [{ at: t(10), kWh: 102 }]);
const ended = payload('Ended', 2, t(20), [{ at: t(20), kWh: 104.5 }]);

/** Feeds payloads through decide → evolve, as the command handler would. */
function run(payloads: readonly unknown[], receivedAt?: string) {
  let state: SessionState = sessionInitialState;
  const all: DecidedEvent[] = [];
  for (const body of payloads) {
    const events = decideSession(ingest(body, receivedAt), state);
    all.push(...events);
    state = events.reduce(evolveSession, state);
  }
  return { state, events: all, last: all.at(-1) };
}

function expectRejected(given: readonly unknown[], when: unknown, code: IngestionReasonCode) {
  const { state } = run(given);
  const events = decideSession(ingest(when), state);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ type: 'RawEventRejected', data: { reasonCode: code } });
  const after = events.reduce(evolveSession, state);
  if (after.status !== 'unknown') expect(after.needsReview).toBe(true);
  expect(billedEnergyWh(after)).toBe(billedEnergyWh(state));
}

describe('session decider: accepted paths', () => {
  it('given nothing, when Started, then SessionStarted and its start sample in Wh', () => {
    const { events } = run([started]);
    expect(events.map((e) => e.type)).toEqual(['SessionStarted', 'MeterValuesRecorded']);
    expect(events[0]).toMatchObject({
      data: {
        sessionId: SESSION,
        evseId: 1,
        connectorId: 1,
        startedAt: t(0),
        meterStartWh: '100000',
      },
    });
  });

  it('given a started session, when Updated, then MeterValuesRecorded', () => {
    const { events, state } = run([started, updated]);
    expect(events.at(-1)).toMatchObject({
      type: 'MeterValuesRecorded',
      data: { samples: [{ sampledAt: t(10), seqNo: 1, energyRegisterWh: '102000' }] },
    });
    expect(billedEnergyWh(state)).toBe('2000');
  });

  it('given an open session, when Ended, then SessionEnded with the final register', () => {
    const { events, state } = run([started, updated, ended]);
    expect(events.at(-1)).toMatchObject({
      type: 'SessionEnded',
      data: { endedAt: t(20), meterStopWh: '104500', stoppedReason: 'Local' },
    });
    expect(billedEnergyWh(state)).toBe('4500');
  });

  it('given an ended session, when a buffered sample inside the window arrives, then it is recorded', () => {
    const late = payload('Updated', 3, t(15), [{ at: t(15), kWh: 103 }], { offline: true });
    const { last, state } = run([started, updated, ended, late]);
    expect(last).toMatchObject({ type: 'MeterValuesRecorded' });
    expect(billedEnergyWh(state)).toBe('4500');
  });

  it('given a session, when an update without meter values arrives, then only its seqNo is kept', () => {
    const { state } = run([started]);
    const events = decideSession(ingest(payload('Updated', 5, t(1), [])), state);
    expect(events).toMatchObject([{ type: 'SessionSeqNoReceived', data: { seqNo: 5 } }]);
    expect(billedEnergyWh(events.reduce(evolveSession, state))).toBe(billedEnergyWh(state));
  });

  it.each([1, 2, 5])('a duplicate sent %i times gives the same facts as one send', (times) => {
    const once = run([started, updated, ended]);
    const many = run([started, ...Array<unknown>(times).fill(updated), ended, ended]);
    expect(many.state).toEqual(once.state);
    expect(many.events.map((e) => e.type)).toEqual(once.events.map((e) => e.type));
  });

  it('a redelivered raw message derives the same event ids', () => {
    const command = ingest(started, undefined, 'same-raw-message');
    expect(decideSession(command, sessionInitialState)).toEqual(
      decideSession(command, sessionInitialState),
    );
  });
});

describe('session decider: refusals', () => {
  const at = (minutes: number, kWh: number) => [{ at: t(minutes), kWh }];

  it('SCHEMA_VIOLATION: not a TransactionEvent', () =>
    expectRejected([], { eventType: 'Paused', seqNo: -1 }, 'INGESTION.SCHEMA_VIOLATION'));
  it('SCHEMA_VIOLATION: an energy register in volts', () => {
    const volts = payload('Updated', 1, t(1), []);
    volts['meterValue'] = [
      { timestamp: t(1), sampledValue: [{ value: 1, unitOfMeasure: { unit: 'V' } }] },
    ];
    expectRejected([started], volts, 'INGESTION.SCHEMA_VIOLATION');
  });
  it('UNKNOWN_TRANSACTION: Updated before Started', () =>
    expectRejected([], updated, 'INGESTION.UNKNOWN_TRANSACTION'));
  it('UNKNOWN_TRANSACTION: Ended before Started', () =>
    expectRejected([], ended, 'INGESTION.UNKNOWN_TRANSACTION'));
  it('UNKNOWN_CONNECTOR: a connector the station does not have', () =>
    expectRejected(
      [],
      { ...started, evse: { id: 9, connectorId: 1 } },
      'INGESTION.UNKNOWN_CONNECTOR',
    ));
  it('METER_START_MISSING: Started without a register', () =>
    expectRejected([], payload('Started', 0, t(0), []), 'INGESTION.METER_START_MISSING'));
  it('DUPLICATE_CONFLICT: same seqNo, other value; the original is kept', () =>
    expectRejected(
      [started, updated],
      payload('Updated', 1, t(10), at(10, 103)),
      'INGESTION.DUPLICATE_CONFLICT',
    ));
  it('DUPLICATE_CONFLICT: a second, different Started', () =>
    expectRejected(
      [started],
      payload('Started', 7, t(1), at(1, 100)),
      'INGESTION.DUPLICATE_CONFLICT',
    ));
  it('METER_REGISTER_NEGATIVE: a negative register', () =>
    expectRejected(
      [started],
      payload('Updated', 1, t(1), at(1, -5)),
      'INGESTION.METER_REGISTER_NEGATIVE',
    ));
  it('METER_REGISTER_DECREASED: register below the previous sample', () =>
    expectRejected(
      [started, updated],
      payload('Updated', 2, t(11), at(11, 101)),
      'INGESTION.METER_REGISTER_DECREASED',
    ));
  it('METER_REGISTER_DECREASED: an out-of-order sample above a later one', () =>
    expectRejected(
      [started, updated],
      payload('Updated', 2, t(8), at(8, 102.5)),
      'INGESTION.METER_REGISTER_DECREASED',
    ));
  it('METER_REGISTER_RESET: back to 0 mid-session', () =>
    expectRejected(
      [started, updated],
      payload('Updated', 2, t(11), at(11, 0)),
      'INGESTION.METER_REGISTER_RESET',
    ));
  it('IMPLAUSIBLE_POWER: 10 kWh in one minute on 22 kW', () =>
    expectRejected(
      [started],
      payload('Updated', 1, t(1), at(1, 110)),
      'INGESTION.IMPLAUSIBLE_POWER',
    ));
  it('TIMESTAMP_IN_FUTURE: beyond the skew tolerance', () =>
    expectRejected(
      [started],
      payload('Updated', 1, '2026-03-01T13:00:00Z', []),
      'INGESTION.TIMESTAMP_IN_FUTURE',
    ));
  it('TIMESTAMP_TOO_OLD: dated 1970', () =>
    expectRejected(
      [],
      payload('Started', 0, '1970-01-01T00:00:00Z', [{ at: '1970-01-01T00:00:00Z', kWh: 1 }]),
      'INGESTION.TIMESTAMP_TOO_OLD',
    ));
  it('TIMESTAMP_BEFORE_SESSION_START: a sample before the start', () =>
    expectRejected(
      [started],
      payload('Updated', 1, t(-5), at(-5, 100)),
      'INGESTION.TIMESTAMP_BEFORE_SESSION_START',
    ));
  it('EVENT_AFTER_SESSION_ENDED: a sample after the end', () =>
    expectRejected(
      [started, ended],
      payload('Updated', 3, t(30), at(30, 105)),
      'INGESTION.EVENT_AFTER_SESSION_ENDED',
    ));
  it('SESSION_ALREADY_ENDED: a second, different end', () =>
    expectRejected(
      [started, ended],
      payload('Ended', 4, t(25), []),
      'INGESTION.SESSION_ALREADY_ENDED',
    ));
});
