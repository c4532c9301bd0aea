/**
 * Remote start/stop delivered by the gateway to real ocpp-rpc chargers on their live
 * connection, in each version's words; expired commands and absent stations never reach
 * a charger, and a charger that errs is reported as failed, not as accepted.
 */
import { randomUUID } from 'node:crypto';
import type { RPCClient } from 'ocpp-rpc';
import type { StationCommand } from '@chargeledger/contracts';
import { OcppGateway } from './ocpp-gateway';
import { aCharger } from '@chargeledger/testing';
import { startGatewayFixture, type GatewayFixture } from './testing/gateway.fixture';

let fixture: GatewayFixture;
let gateway: OcppGateway;
let v16: RPCClient;
let v201: RPCClient;
const received: { station: string; method: string; params: unknown }[] = [];
const OPERATOR = 'op-cmd';

beforeAll(async () => {
  fixture = await startGatewayFixture();
  const started = await fixture.startGateway();
  gateway = started.gateway;
  const connectAs = async (stationId: string, ocppVersion: 'ocpp1.6' | 'ocpp2.0.1') => {
    fixture.directory.add({ operatorId: OPERATOR, stationId, ocppVersion, password: 'pw' });
    const charger = aCharger({
      gatewayUrl: started.url,
      operatorId: OPERATOR,
      stationId,
      ocppVersion,
      password: 'pw',
    });
    charger.handle(({ method, params }) => {
      received.push({ station: stationId, method: method ?? '', params });
      if (method === 'RemoteStopTransaction') throw new Error('charger busy');
      const rejected = JSON.stringify(params).includes('TAG-REFUSED');
      return Promise.resolve({ status: rejected ? 'Rejected' : 'Accepted' });
    });
    await charger.connect();
    return charger;
  };
  v16 = await connectAs('CP-CMD-16', 'ocpp1.6');
  v201 = await connectAs('CS-CMD-201', 'ocpp2.0.1');
});

afterAll(async () => {
  await Promise.all([v16.close({ force: true }), v201.close({ force: true })]);
  await fixture.stop();
});

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const remoteStart = (stationId: string, idToken = 'TAG-1'): StationCommand => ({
  command: 'RemoteStart',
  commandId: randomUUID(),
  operatorId: OPERATOR,
  stationId,
  evseId: 1,
  idToken,
  remoteStartId: 11,
  expiresAt: inAMinute(),
});
const remoteStop = (stationId: string, transactionId: string): StationCommand => ({
  command: 'RemoteStop',
  commandId: randomUUID(),
  operatorId: OPERATOR,
  stationId,
  transactionId,
  expiresAt: inAMinute(),
});

it('starts and stops on a 2.0.1 charger with RequestStart/StopTransaction', async () => {
  expect(await gateway.deliver(remoteStart('CS-CMD-201'))).toEqual({ outcome: 'accepted' });
  expect(await gateway.deliver(remoteStop('cs-cmd-201', 'tx-9'))).toEqual({
    outcome: 'accepted',
  });
  expect(received.filter((r) => r.station === 'CS-CMD-201')).toEqual([
    {
      station: 'CS-CMD-201',
      method: 'RequestStartTransaction',
      params: { idToken: { idToken: 'TAG-1', type: 'Central' }, remoteStartId: 11, evseId: 1 },
    },
    { station: 'CS-CMD-201', method: 'RequestStopTransaction', params: { transactionId: 'tx-9' } },
  ]);
});

it('starts on a 1.6 charger, reports its Rejected, and a charger error as failed', async () => {
  expect(await gateway.deliver(remoteStart('CP-CMD-16'))).toEqual({ outcome: 'accepted' });
  expect(await gateway.deliver(remoteStart('CP-CMD-16', 'TAG-REFUSED'))).toMatchObject({
    outcome: 'rejected',
  });
  expect(await gateway.deliver(remoteStop('CP-CMD-16', '41'))).toMatchObject({
    outcome: 'failed',
  });
  expect(received.filter((r) => r.station === 'CP-CMD-16').map((r) => r.params)).toEqual([
    { connectorId: 1, idTag: 'TAG-1' },
    { connectorId: 1, idTag: 'TAG-REFUSED' },
    { transactionId: 41 },
  ]);
});

it('drops expired commands and reports stations that are not connected', async () => {
  const before = received.length;
  const expired = {
    ...remoteStart('CP-CMD-16'),
    expiresAt: new Date(Date.now() - 1).toISOString(),
  };
  expect(await gateway.deliver(expired)).toEqual({ outcome: 'expired' });
  expect(await gateway.deliver(remoteStart('CP-ELSEWHERE'))).toEqual({
    outcome: 'not-connected',
  });
  expect(received).toHaveLength(before);
});
