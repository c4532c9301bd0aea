/**
 * Limits stop sessions, through NATS and Postgres: a session reaching its energy limit
 * gets exactly one SessionStopRequested and exactly one RemoteStop on CMD_STATIONS, also
 * when the fact that reached it is processed again after a crash (same derived ids,
 * deduped); the tightest of the station, account, driver and tariff policies wins, and
 * a policy recorded after the start does not apply; duration limits are reached by any
 * fact (a charging-state change), cost limits by the live cost; a driver tightens the
 * limits of their own session.
 */
import Decimal from 'decimal.js';
import {
  derivedEventId,
  MeterValuesRecordedV1,
  sessionIdOf,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { RATING_SESSION_RATINGS_CONSUMER } from '../rating.workers';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents, type SessionSpec } from '../testing/session-events.builder';
import {
  ACCOUNT_ID,
  DRIVER_ID,
  operatorWithStation,
  setLimits,
  stationCommands,
  stopRequests,
} from '../testing/session-limits.testing';
import { reacted, runThenEnd } from '../testing/session-reactions.testing';
import { REMOTE_STOP_ID_TYPE } from './session-limit-stop.reaction';

const START = '2026-05-04T10:00:00.000Z';
const POLICY_AT = '2025-06-01T00:00:00.000Z';
const at = (minutes: number, start = START) =>
  new Date(Date.parse(start) + minutes * 60_000).toISOString();

let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

/** 1 kWh a minute from meter 0, one MeterValuesRecorded per sample, ended after the last. */
function session(operatorId: string, stationId: string, minutes: number, start = START) {
  const spec: SessionSpec = {
    operatorId,
    stationId,
    transactionId: `tx-${stationId}`,
    startedAt: start,
    meterStartWh: '0',
    samples: Array.from({ length: minutes }, (_, k) => ({
      sampledAt: at(k + 1, start),
      energyRegisterWh: String((k + 1) * 1_000),
    })),
    endedAt: at(minutes + 1, start),
    meterStopWh: String(minutes * 1_000),
    chunk: 1,
  };
  return sessionEvents(rating.suite.namespace, spec);
}

const meterValues = (events: readonly EventEnvelope[]) =>
  events.filter((e) => e.type === MeterValuesRecordedV1.type);

it('asks once to stop a session at its energy limit, also when the fact is processed again', async () => {
  const op = 'op-lim-energy';
  await operatorWithStation(rating, op, 'CP-E');
  await setLimits(rating, op, 'station', 'CP-E', { maxEnergyWh: 5_000 }, POLICY_AT);
  const events = session(op, 'CP-E', 8);
  const running = events.slice(0, -1);
  await rating.append(running);
  await reacted(rating, running);

  const trigger = meterValues(events)[4];
  if (trigger === undefined) throw new Error('no fifth reading');
  const commandId = derivedEventId(trigger.id, REMOTE_STOP_ID_TYPE, 0);
  const expectOnce = async () => {
    const stops = await stopRequests(rating, op);
    expect(stops.map((s) => [s.causationid, s.data])).toEqual([
      [
        trigger.id,
        {
          sessionId: stops[0]?.data.sessionId,
          stationId: 'CP-E',
          transactionId: 'tx-CP-E',
          limit: 'energy',
          scope: 'station',
          maxValue: '5000',
          reachedValue: '5000',
          reachedAt: at(5),
          commandId,
          expiresAt: new Date(Date.parse(trigger.time) + 300_000).toISOString(),
        },
      ],
    ]);
    expect(await stationCommands(rating, op)).toEqual([
      {
        msgId: commandId,
        command: {
          command: 'RemoteStop',
          commandId,
          operatorId: op,
          stationId: 'CP-E',
          transactionId: 'tx-CP-E',
          expiresAt: stops[0]?.data.expiresAt,
        },
      },
    ]);
  };
  await expectOnce();

  // A crash after publishing and before recording the fact as processed: it comes again.
  await rating.query('DELETE FROM processed_events WHERE consumer = $1 AND event_id = $2', [
    RATING_SESSION_RATINGS_CONSUMER,
    trigger.id,
  ]);
  await rating.append([trigger], `again-${trigger.id}`);
  await reacted(rating, [trigger]);
  await expectOnce();
  await rating.append(events.slice(-1));
  await reacted(rating, events);
  await expectOnce();
}, 60_000);

it('takes the tightest policy in effect at the start, not one recorded after it', async () => {
  const op = 'op-lim-tight';
  await operatorWithStation(rating, op, 'CP-T');
  await setLimits(rating, op, 'station', 'CP-T', { maxEnergyWh: 9_000 }, POLICY_AT);
  await setLimits(rating, op, 'account', ACCOUNT_ID, { maxEnergyWh: 7_000 }, POLICY_AT);
  await setLimits(rating, op, 'driver', DRIVER_ID, { maxEnergyWh: 4_000 }, POLICY_AT);
  await setLimits(rating, op, 'tariff', 'T-CP-T', { maxEnergyWh: 6_000 }, POLICY_AT);
  await setLimits(rating, op, 'account', ACCOUNT_ID, { maxEnergyWh: 2_000 }, at(0.5));
  const events = session(op, 'CP-T', 8);
  await runThenEnd(rating, events);

  const stops = await stopRequests(rating, op);
  expect(stops.map((s) => s.data)).toMatchObject([
    { limit: 'energy', scope: 'driver', maxValue: '4000', reachedValue: '4000', reachedAt: at(4) },
  ]);
  expect(await stationCommands(rating, op)).toHaveLength(1);
}, 60_000);

it('reaches a duration limit on a charging-state change and a cost limit on the live cost', async () => {
  const op = 'op-lim-time-cost';
  await operatorWithStation(rating, op, 'CP-D');
  await operatorWithStation(rating, op, 'CP-C');
  await setLimits(rating, op, 'tariff', 'T-CP-D', { maxDurationS: 600 }, POLICY_AT);
  const durationSession = sessionEvents(rating.suite.namespace, {
    operatorId: op,
    stationId: 'CP-D',
    transactionId: 'tx-CP-D',
    startedAt: START,
    meterStartWh: '0',
    samples: [4, 8].map((m) => ({ sampledAt: at(m), energyRegisterWh: String(m * 500) })),
    states: [{ at: at(11), state: 'SuspendedEV' }],
    endedAt: at(12),
    meterStopWh: '4000',
  });
  await runThenEnd(rating, durationSession);
  const stateChange = durationSession.find((e) => e.type.includes('ChargingStateChanged'));
  const [durationStop, ...others] = await stopRequests(rating, op);
  expect(others).toEqual([]);
  expect(durationStop?.causationid).toBe(stateChange?.id);
  expect(durationStop?.data).toMatchObject({
    limit: 'duration',
    scope: 'tariff',
    maxValue: '600',
    reachedValue: '660',
  });

  await setLimits(rating, op, 'station', 'CP-C', { maxCostExclVat: '2.00' }, POLICY_AT);
  const costSession = session(op, 'CP-C', 8);
  await runThenEnd(rating, costSession);
  const costStops = (await stopRequests(rating, op)).filter((s) => s.data.limit === 'cost');
  // 0.50 + 0.30 x m kWh + 1.20/h x m minutes: 1.78 after 4 minutes, 2.10 after 5.
  const costAt = (m: number) =>
    new Decimal('0.50')
      .plus(new Decimal('0.30').times(m))
      .plus(new Decimal('1.20').times(m).div(60));
  expect(costAt(4).lt(2)).toBe(true);
  expect(costStops).toHaveLength(1);
  expect(costStops[0]?.data).toMatchObject({
    scope: 'station',
    maxValue: '2.00',
    reachedAt: at(5),
  });
  expect(new Decimal(costStops[0]?.data.reachedValue ?? 'NaN').eq(costAt(5))).toBe(true);
  expect(await stationCommands(rating, op)).toHaveLength(2);
}, 60_000);

it("lets a driver tighten their own session's limit while it charges", async () => {
  const op = 'op-lim-driver';
  await operatorWithStation(rating, op, 'CP-S');
  await setLimits(rating, op, 'station', 'CP-S', { maxEnergyWh: 50_000 }, POLICY_AT);
  const start = new Date(Date.now() - 5 * 60_000).toISOString();
  const events = session(op, 'CP-S', 8, start);
  const id = sessionIdOf(op, 'CP-S', 'tx-CP-S');
  const [first, rest] = [events.slice(0, 3), events.slice(3)];
  await rating.append(first);
  await reacted(rating, first);
  const driver = await rating.bearer(op, 'driver', id);
  const reply = await rating.call(
    'PUT',
    `/v1/operators/${op}/sessions/${id}/limits`,
    { maxEnergyWh: 2_500 },
    { authorization: driver },
  );
  expect(reply).toMatchObject({
    status: 200,
    body: { scope: 'session', scopeId: id, version: 1, limits: { maxEnergyWh: 2_500 } },
  });
  // Readings up to 5 kWh were taken before the driver set the limit: the first one
  // after it (6 kWh, a minute after this test began) reaches it.
  await runThenEnd(rating, rest);
  const stops = await stopRequests(rating, op);
  expect(stops.map((s) => s.data)).toMatchObject([
    {
      limit: 'energy',
      scope: 'session',
      maxValue: '2500',
      reachedValue: '6000',
      reachedAt: at(6, start),
    },
  ]);
}, 60_000);
