import { z } from 'zod';
import {
  EvseTariffAssignedV1,
  SessionEndedV1,
  sessionIdOf,
  StationRegisteredV1,
  StationTariffAssignedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents, type SessionSpec } from '../testing/session-events.builder';
import { isFinalRating } from './rating-events.testing';

const OP = 'op-rate';
const tariff = (energyPrice: string) => ({
  id: 'AC-STD',
  currency: 'EUR',
  elements: [
    {
      price_components: [
        { type: 'FLAT', price: '1.00', vat: 21, step_size: 0 },
        { type: 'ENERGY', price: energyPrice, vat: 21, step_size: 1 },
      ],
    },
  ],
});

let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

async function station(stationId: string, time: string, tariffId?: string): Promise<void> {
  const at = { operatorId: OP, aggregateId: stationId, time };
  await rating.publish(StationRegisteredV1, at, {
    stationId,
    siteId: 'site-1',
    ocppVersion: '2.0.1',
    timeZone: 'Europe/Berlin',
    evses: [
      { evseId: 1, connectors: [{ connectorId: 1, powerType: 'AC_3_PHASE', maxPowerW: 22_000 }] },
    ],
    credentialsRef: `station-${stationId}`,
  });
  if (tariffId !== undefined)
    await rating.publish(StationTariffAssignedV1, at, { stationId, tariffId });
}

function session(
  stationId: string,
  transactionId: string,
  startMs: number,
  wh: [number, number],
): SessionSpec {
  const at = (minutes: number) => new Date(startMs + minutes * 60_000).toISOString();
  return {
    operatorId: OP,
    stationId,
    transactionId,
    startedAt: at(0),
    meterStartWh: String(wh[0]),
    samples: [10, 20, 30].map((m) => ({
      sampledAt: at(m),
      energyRegisterWh: String(wh[0] + Math.round(((wh[1] - wh[0]) * m) / 40)),
      powerW: '11000',
    })),
    states: [{ at: at(0), state: 'Charging' }],
    endedAt: at(40),
    meterStopWh: String(wh[1]),
  };
}

const ratingOf = (events: EventEnvelope[], spec: SessionSpec) =>
  events.filter(
    (e) =>
      z.object({ sessionId: z.string() }).parse(e.data).sessionId ===
      sessionIdOf(OP, spec.stationId, spec.transactionId),
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('final rating of ended sessions through NATS and Postgres', () => {
  const sessions: SessionSpec[] = [];

  it('rates each session with the version valid at its start: a change mid-session does not reprice it', async () => {
    const v1 = await rating.call('POST', `/v1/operators/${OP}/tariffs/AC-STD/versions`, {
      tariff: tariff('0.30'),
    });
    expect(v1.status).toBe(201);
    const validFrom1 =
      (v1.body as { versions: { validFrom: string }[] }).versions[0]?.validFrom ?? '';
    await station('CP-1', validFrom1, 'AC-STD');
    const first = session('CP-1', 'tx-1', Date.parse(validFrom1) + 500, [10_000, 22_345]);
    const [started, ...rest] = sessionEvents(rating.suite.namespace, first);
    if (started === undefined) throw new Error('no SessionStarted');
    await rating.append([started, ...rest.slice(0, 2)]);
    await sleep(600);
    // Published while the first session charges, valid from now on.
    const v2 = await rating.call('POST', `/v1/operators/${OP}/tariffs/AC-STD/versions`, {
      tariff: tariff('0.50'),
      expectedVersion: 1,
    });
    expect(v2.status).toBe(201);
    const validFrom2 =
      (v2.body as { versions: { validFrom: string }[] }).versions[1]?.validFrom ?? '';
    expect(Date.parse(validFrom2)).toBeGreaterThan(Date.parse(first.startedAt));
    const second = session('CP-1', 'tx-2', Date.parse(validFrom2) + 1_000, [30_000, 35_000]);
    await rating.append([...rest.slice(2), ...sessionEvents(rating.suite.namespace, second)]);
    sessions.push(first, second);

    const events = await rating.waitForStreamEvents('EVT_RATING', 2, isFinalRating);
    const [rated1] = ratingOf(events, first);
    const [rated2] = ratingOf(events, second);
    expect(rated1?.type).toBe('chargeledger.rating.SessionRated.v1');
    expect(rated1?.data).toMatchObject({
      tariff: { tariffId: 'AC-STD', version: 1 },
      tokenRef: '7d0c7a52-58a4-4f6a-9d7e-2f3c4b5a6978',
      totals: {
        total_energy: '12.345',
        total_fixed_cost: { excl_vat: '1', incl_vat: '1.21' },
        total_energy_cost: { excl_vat: '3.7035', incl_vat: '4.481235' },
        total_cost: { excl_vat: '4.7035', incl_vat: '5.691235' },
      },
      billable: {
        rounding_mode: 'HALF_UP',
        lines: [
          expect.objectContaining({
            kind: 'FLAT',
            excl_vat: '1.00',
            vat_amount: '0.21',
            incl_vat: '1.21',
          }),
          expect.objectContaining({
            kind: 'ENERGY',
            quantity: '12.345',
            excl_vat: '3.70',
            vat_amount: '0.78',
            incl_vat: '4.48',
          }),
        ],
        total: { excl_vat: '4.70', vat_amount: '0.99', incl_vat: '5.69' },
      },
    });
    expect(rated2?.data).toMatchObject({
      tariff: { tariffId: 'AC-STD', version: 2 },
      totals: { total_cost: { excl_vat: '3.5', incl_vat: '4.235' } },
      billable: { total: { excl_vat: '3.50', vat_amount: '0.74', incl_vat: '4.24' } },
    });
    expect(rated1?.id).not.toBe(rated2?.id);
  }, 60_000);

  it("rates a session at an EVSE with a tariff of its own with that tariff, not the station's", async () => {
    const registeredAt = '2026-02-01T00:00:00.000Z';
    await rating.stationWithTariff(OP, 'CP-EVSE', registeredAt);
    await rating.publishTariffVersion(
      OP,
      {
        tariffId: 'DC-FAST',
        version: 1,
        currency: 'EUR',
        validFrom: registeredAt,
        validTo: null,
        tariff: tariff('0.60'),
      },
      registeredAt,
    );
    await rating.publish(
      EvseTariffAssignedV1,
      { operatorId: OP, aggregateId: 'CP-EVSE', time: registeredAt },
      { stationId: 'CP-EVSE', evseId: 1, tariffId: 'DC-FAST' },
    );
    const atEvse = session(
      'CP-EVSE',
      'tx-evse',
      Date.parse('2026-03-01T10:00:00.000Z'),
      [0, 10_000],
    );
    await rating.append(sessionEvents(rating.suite.namespace, atEvse));
    sessions.push(atEvse);
    const events = await rating.waitForStreamEvents('EVT_RATING', 3, isFinalRating);
    expect(ratingOf(events, atEvse)[0]?.data).toMatchObject({
      tariff: { tariffId: 'DC-FAST', version: 1 },
      totals: { total_energy: '10', total_cost: { excl_vat: '7' } },
    });
  }, 60_000);

  it('rates a redelivered or duplicated SessionEnded once, and refuses a session without a tariff explicitly', async () => {
    const [first] = sessions;
    if (first === undefined) throw new Error('the first test did not run');
    const ended = sessionEvents(rating.suite.namespace, first).find(
      (e) => e.type === SessionEndedV1.type,
    );
    if (ended === undefined) throw new Error('no SessionEnded');
    await rating.append([ended]); // same Nats-Msg-Id: dropped by the stream
    await rating.append([ended], `${ended.id}-copy`); // a copy past the duplicate window
    const now = Date.now();
    await station('CP-2', new Date(now).toISOString());
    const untariffed = session('CP-2', 'tx-3', now + 1_000, [0, 4_000]);
    await rating.append(sessionEvents(rating.suite.namespace, untariffed));

    const events = await rating.waitForStreamEvents('EVT_RATING', 4, isFinalRating);
    const [refused] = ratingOf(events, untariffed);
    expect(refused?.type).toBe('chargeledger.rating.SessionRatingRefused.v1');
    expect(refused?.data).toMatchObject({ code: 'RATING.NO_TARIFF_ASSIGNED', stationId: 'CP-2' });
    await sleep(1_000);
    expect(ratingOf(await rating.streamEvents('EVT_RATING', isFinalRating), first)).toHaveLength(1);
  }, 60_000);
});
