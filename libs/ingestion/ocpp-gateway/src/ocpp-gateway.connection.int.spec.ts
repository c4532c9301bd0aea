/**
 * Connecting to the OCPP-J gateway as real ocpp-rpc chargers (strict mode, 1.6 and
 * 2.0.1): who gets in (security profile 1), what a boot, heartbeat and Authorize answer.
 */
import type { RPCClient } from 'ocpp-rpc';
import { aCharger, type ChargerOptions } from '@chargeledger/testing';
import { startGatewayFixture, type GatewayFixture } from './testing/gateway.fixture';

let fixture: GatewayFixture;
let gatewayUrl: string;
const chargers: RPCClient[] = [];

const OPERATOR = 'Op 1/Ä';
const V16 = { operatorId: OPERATOR, stationId: 'CP.16*1', ocppVersion: 'ocpp1.6' } as const;
const V201 = { operatorId: OPERATOR, stationId: 'CS-201', ocppVersion: 'ocpp2.0.1' } as const;

beforeAll(async () => {
  fixture = await startGatewayFixture();
  fixture.directory.add({ ...V16, password: 'secret-16' });
  fixture.directory.add({ ...V201, password: 'secret-201' });
  gatewayUrl = (await fixture.startGateway()).url;
});

afterAll(async () => {
  await Promise.all(chargers.map((charger) => charger.close({ force: true })));
  await fixture.stop();
});

function charger(options: Omit<ChargerOptions, 'gatewayUrl'>): RPCClient {
  const client = aCharger({ ...options, gatewayUrl });
  chargers.push(client);
  return client;
}

const securityEvents = () => fixture.logLines.filter((line) => 'securityEvent' in line);

describe('who may connect', () => {
  it('refuses a wrong password with 401 and logs a security event', async () => {
    const before = securityEvents().length;
    await expect(charger({ ...V16, password: 'guess' }).connect()).rejects.toMatchObject({
      code: 401,
    });
    expect(securityEvents().slice(before)).toEqual([
      expect.objectContaining({ stationId: V16.stationId, reason: 'wrong password' }),
    ]);
  });

  it('refuses an unknown station with the same 401', async () => {
    const before = securityEvents().length;
    const unknown = { ...V16, stationId: 'CP-NOBODY', password: 'secret-16' };
    await expect(charger(unknown).connect()).rejects.toMatchObject({ code: 401 });
    expect(securityEvents().slice(before)).toEqual([
      expect.objectContaining({ stationId: 'CP-NOBODY', reason: 'unknown station' }),
    ]);
  });

  it("refuses one station's credentials on another station's URL, and no credentials", async () => {
    // Basic auth user CP.16*1 on CS-201's URL: ocpp-rpc hands over no password for CS-201
    const borrowed = Buffer.from(`${V16.stationId}:secret-16`).toString('base64');
    const asOther = charger({
      ...V201,
      password: null,
      headers: { authorization: `Basic ${borrowed}` },
    });
    await expect(asOther.connect()).rejects.toMatchObject({ code: 401 });
    await expect(charger({ ...V201, password: null }).connect()).rejects.toMatchObject({
      code: 401,
    });
  });

  it('refuses a station speaking another OCPP version than it is registered for', async () => {
    const wrongVersion = { ...V16, ocppVersion: 'ocpp2.0.1', password: 'secret-16' } as const;
    await expect(charger(wrongVersion).connect()).rejects.toMatchObject({ code: 400 });
  });

  it('answers 404 to paths that name no station, including broken percent-encoding', async () => {
    for (const endpoint of [
      `${gatewayUrl}/ocpp`,
      `${gatewayUrl}/other/x`,
      `${gatewayUrl}/ocpp/%E0%A4`,
    ]) {
      const client = charger({ ...V16, password: 'secret-16', endpoint });
      await expect(client.connect()).rejects.toMatchObject({ code: 404 });
    }
  });
});

describe('OCPP 1.6 charger', () => {
  it('boots Accepted with the heartbeat interval, and gets the CSMS time', async () => {
    const cp = charger({ ...V16, password: 'secret-16' });
    await cp.connect();
    const boot = await cp.call('BootNotification', {
      chargePointVendor: 'chargeledger',
      chargePointModel: 'test',
    });
    expect(boot).toMatchObject({ status: 'Accepted', interval: 300 });
    const heartbeat = await cp.call('Heartbeat', {});
    expect(heartbeat).toEqual({ currentTime: expect.any(String) as unknown });
  });

  it.each([
    ['TAG-OK', 'Accepted'],
    ['TAG-BLOCKED', 'Blocked'],
    ['TAG-EXPIRED', 'Expired'],
    ['TAG-NEVER-ISSUED', 'Invalid'],
  ])('answers Authorize %s with %s', async (idTag, status) => {
    const cp = charger({ ...V16, password: 'secret-16' });
    await cp.connect();
    expect(await cp.call('Authorize', { idTag })).toEqual({ idTagInfo: { status } });
    expect(fixture.authorizer.asked.at(-1)).toMatchObject({ operatorId: OPERATOR, idToken: idTag });
  });
});

describe('OCPP 2.0.1 charger', () => {
  it('boots Accepted, gets heartbeats and Authorize answers from the token decision', async () => {
    const cs = charger({ ...V201, password: 'secret-201' });
    await cs.connect();
    const boot = await cs.call('BootNotification', {
      reason: 'PowerUp',
      chargingStation: { model: 'test', vendorName: 'chargeledger' },
    });
    expect(boot).toMatchObject({ status: 'Accepted', interval: 300 });
    expect(await cs.call('Heartbeat', {})).toEqual({ currentTime: expect.any(String) as unknown });
    const ask = (idToken: string) =>
      cs.call('Authorize', { idToken: { idToken, type: 'ISO14443' } });
    expect(await ask('TAG-OK')).toEqual({ idTokenInfo: { status: 'Accepted' } });
    expect(await ask('TAG-BLOCKED')).toEqual({ idTokenInfo: { status: 'Blocked' } });
    expect(await ask('TAG-EXPIRED')).toEqual({ idTokenInfo: { status: 'Expired' } });
    expect(await ask('TAG-NEVER-ISSUED')).toEqual({ idTokenInfo: { status: 'Unknown' } });
  });
});

describe('connection limits', () => {
  const closed = (client: RPCClient) =>
    new Promise<number>((resolve) => {
      client.once('close', (event: { code: number }) => {
        resolve(event.code);
      });
    });

  it('closes a connection that sends a frame above the message size limit (1009)', async () => {
    const cp = charger({ ...V16, password: 'secret-16' });
    await cp.connect();
    const closing = closed(cp);
    const oversized = { chargePointVendor: 'x'.repeat(70_000), chargePointModel: 'm' };
    cp.sendRaw(JSON.stringify([2, 'big-1', 'BootNotification', oversized]));
    expect(await closing).toBe(1009);
  });

  it("replaces a station's stale connection when it connects again", async () => {
    const first = charger({ ...V201, password: 'secret-201' });
    await first.connect();
    const firstClosed = closed(first);
    const second = charger({ ...V201, password: 'secret-201' });
    await second.connect();
    expect(await firstClosed).toBe(1000);
    expect(await second.call('Heartbeat', {})).toHaveProperty('currentTime');
  });
});
