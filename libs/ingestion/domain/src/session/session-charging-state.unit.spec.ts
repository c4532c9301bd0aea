import { sessionIdOf } from '@chargeledger/contracts';
import { decideAll, OPERATOR, payload, STATION, t, TX } from '../testing/transaction-event.builder';
import type { DecidedEvent } from './session.command';

const state = (chargingState: string) => ({
  transactionInfo: { transactionId: 'tx-42', chargingState },
});
const SESSION = sessionIdOf(OPERATOR, STATION, TX);
const started = payload('Started', 0, t(0), [{ at: t(0), kWh: 100 }], state('Charging'));
const suspended = payload('Updated', 1, t(10), [], state('SuspendedEV'));
const connected = payload('Updated', 2, t(20), [], state('EVConnected'));
const changes = (events: readonly DecidedEvent[]) =>
  events.flatMap((e) => (e.type === 'ChargingStateChanged' ? [e.data] : []));

describe('session decider: charging state', () => {
  it('given nothing, when Started reports Charging, then ChargingStateChanged at the message time', () => {
    const { events, state: after } = decideAll([started]);
    expect(changes(events)).toEqual([
      { sessionId: SESSION, chargingState: 'Charging', changedAt: t(0) },
    ]);
    expect(after).toMatchObject({ chargingState: 'Charging' });
  });

  it('given Charging, when the same state is reported again, then nothing changes', () => {
    const again = payload('Updated', 1, t(5), [{ at: t(5), kWh: 101 }], state('Charging'));
    const { events } = decideAll([started, again]);
    expect(changes(events)).toHaveLength(1);
  });

  it('given Charging, when SuspendedEV then EVConnected arrive in order, then each is a change', () => {
    const { events, state: after } = decideAll([started, suspended, connected]);
    expect(changes(events)).toMatchObject([
      { chargingState: 'Charging' },
      { chargingState: 'SuspendedEV', changedAt: t(10) },
      { chargingState: 'EVConnected', changedAt: t(20) },
    ]);
    expect(after).toMatchObject({ chargingState: 'EVConnected' });
  });

  it('given a newer report, when an older one arrives late, then it changes nothing (never invents idle time)', () => {
    const { events, state: after } = decideAll([started, connected, suspended]);
    expect(changes(events).map((c) => c.chargingState)).toEqual(['Charging', 'EVConnected']);
    expect(after).toMatchObject({ chargingState: 'EVConnected' });
  });

  it('given a change, when its message is resent, then no second ChargingStateChanged', () => {
    const once = decideAll([started, suspended]);
    const twice = decideAll([started, suspended, suspended]);
    const facts = (events: typeof once.events) => events.map(({ type, data }) => ({ type, data }));
    expect(facts(twice.events)).toEqual(facts(once.events));
    expect(twice.state).toEqual(once.state);
  });

  it('given a 1.6 session (stream seqNos), when a state is reported, then it is not read', () => {
    const { events } = decideAll([started, suspended], { seqNoSource: 'stream' });
    expect(changes(events)).toEqual([]);
  });
});
