/**
 * Chargers connect to the running ingestion service over OCPP-J: a real ocpp-rpc client
 * (strict schemas, Basic auth against a scrypt secret in STATION_CREDENTIALS_DIR) runs a
 * 1.6 and a 2.0.1 session whose messages become normalized session facts in EVT_INGESTION;
 * a wrong password is refused with 401; station commands published to CMD_STATIONS reach
 * the connected charger (also one that connects after the command was sent), and an
 * expired command never does; rating's running cost of an open session reaches its
 * charger as CostUpdated (2.0.1) or the California Pricing RunningCost (1.6), and nothing
 * is sent for a session that has ended.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RPCClient } from 'ocpp-rpc';
import { z } from 'zod';
import {
  createEnvelope,
  SessionCostUpdatedV1,
  sessionIdOf,
  Subjects,
  type EventEnvelope,
  type StationCommand,
} from '@chargeledger/contracts';
import { aCharger } from '@chargeledger/testing';
import { startIngestion, type IngestionFixture } from '../testing/ingestion.fixture';
import { hashStationPassword } from './station-secret';

const OPERATOR = 'op-ocpp-j';
const PASSWORD = 'correct-horse-battery-staple';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const inAMinute = () => new Date(Date.now() + 60_000).toISOString();

let fixture: IngestionFixture;
let credentialsDir: string;
let gatewayUrl: string;
const chargers: RPCClient[] = [];
/** Calls the service made to chargers: station id, OCPP method, params. */
const received: { station: string; method: string; params: unknown }[] = [];

beforeAll(async () => {
  credentialsDir = await mkdtemp(join(tmpdir(), 'station-credentials-'));
  fixture = await startIngestion({ STATION_CREDENTIALS_DIR: credentialsDir });
  gatewayUrl = fixture.service.url.replace(/^http/, 'ws');
});

afterAll(async () => {
  await Promise.all(chargers.map((charger) => charger.close({ force: true })));
  await fixture.cleanup();
  await rm(credentialsDir, { recursive: true, force: true });
});

async function registerStation(stationId: string, ocppVersion: '1.6' | '2.0.1'): Promise<void> {
  const credentialsRef = `station-${stationId}`;
  await writeFile(join(credentialsDir, credentialsRef), hashStationPassword(Buffer.from(PASSWORD)));
  await fixture.registerStation(OPERATOR, { stationId, ocppVersion, credentialsRef });
}

function aChargerOf(stationId: string, ocppVersion: 'ocpp1.6' | 'ocpp2.0.1'): RPCClient {
  const charger = aCharger({
    gatewayUrl,
    operatorId: OPERATOR,
    stationId,
    ocppVersion,
    password: PASSWORD,
  });
  charger.handle(({ method, params }) => {
    received.push({ station: stationId, method: method ?? '', params });
    // CostUpdated is answered with an empty object; the other calls here with a status.
    return Promise.resolve(method === 'CostUpdated' ? {} : { status: 'Accepted' });
  });
  chargers.push(charger);
  return charger;
}

/** Connects, retrying while the registry view has not projected the station yet (404). */
async function connect(charger: RPCClient): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await charger.connect();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The HTTP status a WebSocket upgrade with these credentials gets. */
function upgradeStatus(stationId: string, password: string): Promise<number | undefined> {
  const { hostname, port } = new URL(gatewayUrl);
  return new Promise((resolve, reject) => {
    const upgrade = request({
      host: hostname,
      port,
      path: `/ocpp/${OPERATOR}/${stationId}`,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        'Sec-WebSocket-Protocol': 'ocpp1.6',
        Authorization: `Basic ${Buffer.from(`${stationId}:${password}`).toString('base64')}`,
      },
    });
    upgrade.on('response', (response) => {
      resolve(response.statusCode);
      response.resume();
    });
    upgrade.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    upgrade.on('error', reject);
    upgrade.end();
  });
}

/** The events of the one session this station ran, once `count` of them exist. */
async function sessionEvents(station: string, count: number): Promise<EventEnvelope[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const all = await fixture.ingestionEvents();
    const started = all.find(
      (e) => e.type.includes('.SessionStarted.') && JSON.stringify(e.data).includes(station),
    );
    const sessionId = z.object({ sessionId: z.string() }).safeParse(started?.data).data?.sessionId;
    const events =
      sessionId === undefined ? [] : all.filter((e) => JSON.stringify(e.data).includes(sessionId));
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function publishCommand(command: StationCommand): Promise<void> {
  const subjects = new Subjects(fixture.suite.namespace);
  await fixture.js.publish(
    subjects.command(command.operatorId, command.stationId),
    JSON.stringify(command),
  );
}

/** Publishes a running cost of the session on its live subject, as rating does. */
function publishLiveCost(
  station: string,
  transactionId: string,
  cost: { readonly asOf: string; readonly billableInclVat: string },
): void {
  const sessionId = sessionIdOf(OPERATOR, station, transactionId);
  const subjects = new Subjects(fixture.suite.namespace);
  const envelope = createEnvelope(SessionCostUpdatedV1, {
    id: randomUUID(),
    subject: subjects.event({
      context: 'rating',
      operatorId: OPERATOR,
      aggregate: 'session-rating',
      id: sessionId,
    }),
    operatorId: OPERATOR,
    correlationId: sessionId,
    time: minutesAgo(0),
    data: {
      sessionId,
      asOf: cost.asOf,
      energyWh: '2000',
      tariff: { tariffId: 'T-1', version: 1 },
      cost: { excl_vat: '0.8', incl_vat: '0.968' },
      billableExclVat: '0.80',
      billableInclVat: cost.billableInclVat,
    },
  });
  fixture.connection.publish(subjects.live(OPERATOR, sessionId), JSON.stringify(envelope));
}

async function waitForCall(station: string, method: string): Promise<unknown[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const calls = received.filter((c) => c.station === station && c.method === method);
    if (calls.length > 0 || Date.now() > deadline) return calls.map((c) => c.params);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('turns an OCPP 1.6 session into session facts and delivers a remote stop, not an expired one', async () => {
  const station = 'CP-J-16';
  await registerStation(station, '1.6');
  const charger = aChargerOf(station, 'ocpp1.6');
  await connect(charger);
  const boot = await charger.call('BootNotification', {
    chargePointVendor: 'chargeledger',
    chargePointModel: 'test-16',
  });
  expect(boot).toMatchObject({ status: 'Accepted', interval: 300 });
  const started = await charger.call('StartTransaction', {
    connectorId: 1,
    idTag: 'TAG-UNKNOWN',
    meterStart: 1_000,
    timestamp: minutesAgo(30),
  });
  const { transactionId } = started as { transactionId: number };
  await charger.call('MeterValues', {
    connectorId: 1,
    transactionId,
    meterValue: [
      {
        timestamp: minutesAgo(15),
        sampledValue: [{ value: '3000', unit: 'Wh', measurand: 'Energy.Active.Import.Register' }],
      },
    ],
  });
  await charger.call('StopTransaction', {
    transactionId,
    meterStop: 5_000,
    timestamp: minutesAgo(1),
  });

  // started (with a review flag for the unknown tag), one reading, stopped: six facts
  const events = await sessionEvents(station, 6);
  const types = events.map((e) => e.type.split('.')[2]);
  expect(types[0]).toBe('SessionStarted');
  expect(types.at(-1)).toBe('SessionEnded');
  expect(types).toContain('MeterValuesRecorded');
  expect(events.at(-1)?.data).toMatchObject({ meterStopWh: '5000' });

  const stop = (id: string, expiresAt: string): StationCommand => ({
    command: 'RemoteStop',
    commandId: randomUUID(),
    operatorId: OPERATOR,
    stationId: station,
    transactionId: id,
    expiresAt,
  });
  const expired = stop('999', minutesAgo(1));
  const live = stop(String(transactionId), inAMinute());
  await publishCommand(expired);
  await publishCommand(live);
  expect(await waitForCall(station, 'RemoteStopTransaction')).toEqual([{ transactionId }]);
  const outcomes = await fixture.waitForStreamEvents('EVT_INGESTION', 2, (e) =>
    e.type.endsWith('StationCommandOutcomeRecorded.v1'),
  );
  const outcomeOf = (commandId: string) =>
    outcomes.find((e) => JSON.stringify(e.data).includes(commandId))?.data;
  expect(outcomeOf(expired.commandId)).toMatchObject({ outcome: 'expired', deliveries: 1 });
  expect(outcomeOf(live.commandId)).toMatchObject({ outcome: 'accepted', command: 'RemoteStop' });
});

it('turns an OCPP 2.0.1 session into session facts and delivers a command sent before the charger connected', async () => {
  const station = 'CS-J-201';
  await registerStation(station, '2.0.1');
  await publishCommand({
    command: 'RemoteStop',
    commandId: randomUUID(),
    operatorId: OPERATOR,
    stationId: station,
    transactionId: 'tx-j-201',
    expiresAt: inAMinute(),
  });
  const charger = aChargerOf(station, 'ocpp2.0.1');
  await connect(charger);
  const event = (eventType: 'Started' | 'Updated' | 'Ended', seqNo: number, kWh: number) => ({
    eventType,
    timestamp: minutesAgo(30 - seqNo * 10),
    triggerReason: eventType === 'Started' ? 'Authorized' : 'MeterValuePeriodic',
    seqNo,
    transactionInfo: { transactionId: 'tx-j-201' },
    ...(eventType === 'Started' ? { evse: { id: 1, connectorId: 1 } } : {}),
    meterValue: [
      {
        timestamp: minutesAgo(30 - seqNo * 10),
        sampledValue: [{ value: kWh, unitOfMeasure: { unit: 'kWh', multiplier: 0 } }],
      },
    ],
  });
  await charger.call('TransactionEvent', event('Started', 0, 1.5));
  await charger.call('TransactionEvent', event('Updated', 1, 3));
  await charger.call('TransactionEvent', event('Ended', 2, 4.25));

  const events = await sessionEvents(station, 5);
  const types = events.map((e) => e.type.split('.')[2]);
  expect(types[0]).toBe('SessionStarted');
  expect(types.at(-1)).toBe('SessionEnded');
  expect(events.at(-1)?.data).toMatchObject({ meterStopWh: '4250' });
  expect(await waitForCall(station, 'RequestStopTransaction')).toEqual([
    { transactionId: 'tx-j-201' },
  ]);
});

it("shows rating's running cost on the charger of an open session, in each version's words", async () => {
  const [station16, station201] = ['CP-J-COST-16', 'CS-J-COST-201'];
  await registerStation(station16, '1.6');
  await registerStation(station201, '2.0.1');
  const charger16 = aChargerOf(station16, 'ocpp1.6');
  const charger201 = aChargerOf(station201, 'ocpp2.0.1');
  await Promise.all([connect(charger16), connect(charger201)]);
  const started = await charger16.call('StartTransaction', {
    connectorId: 1,
    idTag: 'TAG-COST',
    meterStart: 1_000,
    timestamp: minutesAgo(10),
  });
  const transactionId16 = String((started as { transactionId: number }).transactionId);
  await charger201.call('TransactionEvent', {
    eventType: 'Started',
    timestamp: minutesAgo(10),
    triggerReason: 'Authorized',
    seqNo: 0,
    transactionInfo: { transactionId: 'tx-cost-201' },
    evse: { id: 1, connectorId: 1 },
    meterValue: [
      {
        timestamp: minutesAgo(10),
        sampledValue: [{ value: 1_000, unitOfMeasure: { unit: 'Wh', multiplier: 0 } }],
      },
    ],
  });
  await sessionEvents(station16, 1);
  await sessionEvents(station201, 1);

  const asOf = minutesAgo(5);
  // Until ingestion has stored the session, a cost for it has nowhere to go: resend.
  const shown = async (station: string, transactionId: string, method: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      publishLiveCost(station, transactionId, { asOf, billableInclVat: '0.97' });
      const calls = received.filter((c) => c.station === station && c.method === method);
      if (calls.length > 0 || Date.now() > deadline) return calls.map((c) => c.params);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  expect((await shown(station201, 'tx-cost-201', 'CostUpdated'))[0]).toEqual({
    totalCost: 0.97,
    transactionId: 'tx-cost-201',
  });
  const [dataTransfer] = await shown(station16, transactionId16, 'DataTransfer');
  expect(dataTransfer).toMatchObject({
    vendorId: 'org.openchargealliance.costmsg',
    messageId: 'RunningCost',
  });
  expect(JSON.parse(z.object({ data: z.string() }).parse(dataTransfer).data)).toEqual({
    transactionId: Number(transactionId16),
    timestamp: asOf,
    meterValue: 2000,
    cost: 0.97,
    state: 'Charging',
  });

  await charger16.call('StopTransaction', {
    transactionId: Number(transactionId16),
    meterStop: 3_000,
    timestamp: minutesAgo(1),
  });
  await sessionEvents(station16, 2);
  const before = received.filter((c) => c.station === station16).length;
  // Ended in ingestion's table once the normaliser has committed it.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row] = z
      .array(z.object({ status: z.string() }))
      .parse(
        await fixture.query(`SELECT status FROM ingestion_sessions_v1 WHERE session_id = $1`, [
          sessionIdOf(OPERATOR, station16, transactionId16),
        ]),
      );
    if (row?.status === 'ended' || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  publishLiveCost(station16, transactionId16, { asOf: minutesAgo(1), billableInclVat: '1.50' });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(received.filter((c) => c.station === station16)).toHaveLength(before);
});

it('refuses a wrong password with 401 and lets the right one in', async () => {
  const station = 'CP-J-PW';
  await registerStation(station, '1.6');
  // an unknown station is 401 too: wait until the registry view knows this one
  const deadline = Date.now() + 10_000;
  while ((await upgradeStatus(station, PASSWORD)) !== 101 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await upgradeStatus(station, 'not-the-password')).toBe(401);
  expect(await upgradeStatus(station, PASSWORD)).toBe(101);
  expect(await upgradeStatus(station, '')).toBe(401);
});
