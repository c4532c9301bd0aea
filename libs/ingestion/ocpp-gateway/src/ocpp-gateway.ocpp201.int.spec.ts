/**
 * An OCPP 2.0.1 charger's session through the gateway: TransactionEvents (Started,
 * Updated, Ended) and StatusNotifications are stored as sent before they are answered,
 * read back as the session decider's input, and answered with idTokenInfo when they
 * name a token.
 */
import type { RPCClient } from 'ocpp-rpc';
import { gatewayMsgIdOf, Subjects } from '@chargeledger/contracts';
import { mapStationStatus, transactionEventSchema } from '@chargeledger/ingestion/domain';
import { aCharger, recordCallIds, resend } from '@chargeledger/testing';
import { startGatewayFixture, type GatewayFixture } from './testing/gateway.fixture';
import { storedMessagesOf } from './testing/raw-gateway.reader';

let fixture: GatewayFixture;
let charger: RPCClient;
let callIds: string[];
const OPERATOR = 'op-201';
const STATION = 'CS-201';

beforeAll(async () => {
  fixture = await startGatewayFixture();
  fixture.directory.add({
    operatorId: OPERATOR,
    stationId: STATION,
    ocppVersion: 'ocpp2.0.1',
    password: 'pw',
  });
  const gatewayUrl = (await fixture.startGateway()).url;
  charger = aCharger({
    gatewayUrl,
    operatorId: OPERATOR,
    stationId: STATION,
    ocppVersion: 'ocpp2.0.1',
    password: 'pw',
  });
  callIds = recordCallIds(charger);
  await charger.connect();
});

afterAll(async () => {
  await charger.close({ force: true });
  await fixture.stop();
});

const event = (
  eventType: 'Started' | 'Updated' | 'Ended',
  seqNo: number,
  kWh: number,
  extra: Record<string, unknown> = {},
) => ({
  eventType,
  timestamp: `2026-03-01T10:${String(seqNo * 10).padStart(2, '0')}:00Z`,
  triggerReason: eventType === 'Started' ? 'Authorized' : 'MeterValuePeriodic',
  seqNo,
  transactionInfo: { transactionId: 'tx-201-1' },
  meterValue: [
    {
      timestamp: `2026-03-01T10:${String(seqNo * 10).padStart(2, '0')}:00Z`,
      sampledValue: [{ value: kWh, unitOfMeasure: { unit: 'kWh', multiplier: 0 } }],
    },
  ],
  ...extra,
});

it('stores Started, Updated and Ended as sent, answering idTokenInfo where a token is named', async () => {
  const token = { idToken: 'TAG-OK', type: 'ISO14443' };
  const started = event('Started', 0, 1.5, { evse: { id: 1, connectorId: 1 }, idToken: token });
  const updated = event('Updated', 1, 4.25);
  const ended = event('Ended', 2, 9, {
    triggerReason: 'StopAuthorized',
    transactionInfo: { transactionId: 'tx-201-1', stoppedReason: 'Local' },
    idToken: { idToken: 'TAG-BLOCKED', type: 'ISO14443' },
  });
  const status = {
    timestamp: '2026-03-01T10:05:00Z',
    connectorStatus: 'Occupied',
    evseId: 1,
    connectorId: 1,
  };
  const answers = [
    await charger.call('TransactionEvent', started),
    await charger.call('StatusNotification', status),
    await charger.call('TransactionEvent', updated),
    await charger.call('TransactionEvent', ended),
  ];
  expect(answers).toEqual([
    { idTokenInfo: { status: 'Accepted' } },
    {},
    {},
    { idTokenInfo: { status: 'Blocked' } },
  ]);

  const subjects = new Subjects(fixture.suite.namespace);
  const kinds = [
    'transaction-event',
    'status-notification',
    'transaction-event',
    'transaction-event',
  ];
  const messages = await storedMessagesOf(fixture.jsm, fixture.suite.namespace, OPERATOR, STATION);
  expect(messages).toEqual(
    [started, status, updated, ended].map((body, index) => ({
      streamSequence: expect.any(Number) as unknown,
      subject: subjects.gateway(OPERATOR, STATION, kinds[index] ?? ''),
      msgId: gatewayMsgIdOf(OPERATOR, STATION, callIds[index] ?? ''),
      body,
    })),
  );
  const transactionEvents = messages.filter((m) => m.subject.endsWith('.transaction-event'));
  for (const message of transactionEvents)
    expect(transactionEventSchema.safeParse(message.body).success).toBe(true);
  expect(
    mapStationStatus('status-notification', messages[1]?.body, '2026-03-01T10:05:01Z'),
  ).toMatchObject({ ok: true, status: { evseId: 1, connectorId: 1, status: 'Occupied' } });
});

it('stores a resent TransactionEvent once and answers it alike', async () => {
  const before = await storedMessagesOf(fixture.jsm, fixture.suite.namespace, OPERATOR, STATION);
  const updated = event('Updated', 3, 10);
  const first = await resend(charger, 'resent-201', 'TransactionEvent', updated);
  const second = await resend(charger, 'resent-201', 'TransactionEvent', updated);
  expect(first).toEqual({ kind: 'result', payload: {} });
  expect(second).toEqual(first);
  const after = await storedMessagesOf(fixture.jsm, fixture.suite.namespace, OPERATOR, STATION);
  expect(after).toHaveLength(before.length + 1);
});

it('answers a TransactionEvent that breaks the 2.0.1 schema with a CALLERROR, storing nothing', async () => {
  const before = await storedMessagesOf(fixture.jsm, fixture.suite.namespace, OPERATOR, STATION);
  const answer = await resend(charger, 'bad-201', 'TransactionEvent', {
    ...event('Updated', 4, 11),
    eventType: 'Paused',
  });
  // ocpp-rpc reports an enum outside the schema's list as a FormatViolation
  expect(answer).toMatchObject({ kind: 'error', code: 'FormatViolation' });
  const after = await storedMessagesOf(fixture.jsm, fixture.suite.namespace, OPERATOR, STATION);
  expect(after).toHaveLength(before.length);
});
