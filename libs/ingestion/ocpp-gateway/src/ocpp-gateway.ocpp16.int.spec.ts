/**
 * An OCPP 1.6 charger's session through the gateway into RAW_GATEWAY: every message is
 * stored before it is answered, exactly as sent, under its kind and a msg id derived from
 * the OCPP message id; the stored messages read back as valid 2.0.1 TransactionEvents.
 * Resends are stored once, invalid calls never, and nothing unstored is ever confirmed.
 */
import type { RPCClient } from 'ocpp-rpc';
import { gatewayMsgIdOf, Subjects } from '@chargeledger/contracts';
import { mapOcpp16ToTransactionEvent, mapStationStatus } from '@chargeledger/ingestion/domain';
import { aCharger, recordCallIds, resend } from '@chargeledger/testing';
import { startGatewayFixture, type GatewayFixture } from './testing/gateway.fixture';
import { storedMessagesOf } from './testing/raw-gateway.reader';

let fixture: GatewayFixture;
let gatewayUrl: string;
const chargers: RPCClient[] = [];
const OPERATOR = 'op-16';
let stationCount = 0;

beforeAll(async () => {
  fixture = await startGatewayFixture();
  gatewayUrl = (await fixture.startGateway()).url;
});

afterAll(async () => {
  await Promise.all(chargers.map((charger) => charger.close({ force: true })));
  await fixture.stop();
});

/** A registered 1.6 station of its own per test, connected. */
async function connectedCharger(url = gatewayUrl) {
  const stationId = `CP-16-${++stationCount}`;
  fixture.directory.add({
    operatorId: OPERATOR,
    stationId,
    ocppVersion: 'ocpp1.6',
    password: 'pw',
  });
  const charger = aCharger({
    gatewayUrl: url,
    operatorId: OPERATOR,
    stationId,
    ocppVersion: 'ocpp1.6',
    password: 'pw',
  });
  chargers.push(charger);
  const callIds = recordCallIds(charger);
  await charger.connect();
  return { charger, stationId, callIds };
}

const stored = (stationId: string) =>
  storedMessagesOf(fixture.jsm, fixture.suite.namespace, OPERATOR, stationId);

const START = {
  connectorId: 1,
  idTag: 'TAG-OK',
  meterStart: 1000,
  timestamp: '2026-03-01T10:00:00Z',
};

it('stores a whole session in order and reads it back as TransactionEvents', async () => {
  const { charger, stationId, callIds } = await connectedCharger();
  const started = await charger.call('StartTransaction', START);
  expect(started).toMatchObject({ idTagInfo: { status: 'Accepted' } });
  const transactionId = (started as { transactionId: number }).transactionId;
  const meterValues = {
    connectorId: 1,
    transactionId,
    meterValue: [
      {
        timestamp: '2026-03-01T10:15:00Z',
        sampledValue: [
          { value: '2.5', unit: 'kWh', measurand: 'Energy.Active.Import.Register' },
          { value: '11', unit: 'kW', measurand: 'Power.Active.Import' },
        ],
      },
    ],
  };
  expect(await charger.call('MeterValues', meterValues)).toEqual({});
  const status = { connectorId: 1, errorCode: 'NoError', status: 'Charging' };
  expect(await charger.call('StatusNotification', status)).toEqual({});
  const stop = {
    transactionId,
    meterStop: 5000,
    timestamp: '2026-03-01T10:30:00Z',
    idTag: 'TAG-OK',
  };
  expect(await charger.call('StopTransaction', stop)).toEqual({
    idTagInfo: { status: 'Accepted' },
  });

  const subjects = new Subjects(fixture.suite.namespace);
  const kinds = [
    'ocpp16-start-transaction',
    'ocpp16-meter-values',
    'ocpp16-status-notification',
    'ocpp16-stop-transaction',
  ];
  const messages = await stored(stationId);
  expect(messages).toEqual(
    [START, meterValues, status, stop].map((body, index) => ({
      streamSequence: expect.any(Number) as unknown,
      subject: subjects.gateway(OPERATOR, stationId, kinds[index] ?? ''),
      msgId: gatewayMsgIdOf(OPERATOR, stationId, callIds[index] ?? ''),
      body,
    })),
  );
  const [startMsg, meterMsg, statusMsg, stopMsg] = messages;
  if (!startMsg || !meterMsg || !statusMsg || !stopMsg) throw new Error('messages missing');
  expect(startMsg.streamSequence).toBe(transactionId);

  const events = [
    mapOcpp16ToTransactionEvent('ocpp16-start-transaction', startMsg.body, startMsg.streamSequence),
    mapOcpp16ToTransactionEvent('ocpp16-meter-values', meterMsg.body, meterMsg.streamSequence),
    mapOcpp16ToTransactionEvent('ocpp16-stop-transaction', stopMsg.body, stopMsg.streamSequence),
  ];
  expect(events).toMatchObject([
    {
      ok: true,
      event: { eventType: 'Started', transactionInfo: { transactionId: String(transactionId) } },
    },
    {
      ok: true,
      event: { eventType: 'Updated', transactionInfo: { transactionId: String(transactionId) } },
    },
    {
      ok: true,
      event: { eventType: 'Ended', transactionInfo: { transactionId: String(transactionId) } },
    },
  ]);
  const seqNos = events.map((mapped) => (mapped.ok ? mapped.event.seqNo : -1));
  expect([...seqNos].sort((a, b) => a - b)).toEqual(seqNos);
  expect(
    mapStationStatus('ocpp16-status-notification', statusMsg.body, '2026-03-01T10:20:00Z'),
  ).toMatchObject({ ok: true, status: { evseId: 1, connectorId: 1, status: 'Occupied' } });
});

it('stores a resent StartTransaction once and answers it with the same transactionId', async () => {
  const { charger, stationId, callIds } = await connectedCharger();
  const first = await charger.call('StartTransaction', START);
  const messageId = callIds[0] ?? '';
  const again = await resend(charger, messageId, 'StartTransaction', START);
  expect(again).toEqual({ kind: 'result', payload: first });
  expect(await stored(stationId)).toHaveLength(1);
});

it('answers a schema-invalid call with a CALLERROR and stores nothing', async () => {
  const { charger, stationId } = await connectedCharger();
  const { meterStart: _missing, ...withoutMeterStart } = START;
  const answers = [
    await resend(charger, 'bad-1', 'StartTransaction', withoutMeterStart),
    await resend(charger, 'bad-2', 'StartTransaction', { ...START, meterStart: 'many' }),
    await resend(charger, 'bad-3', 'MeterValues', { ...START, extra: true }),
  ];
  for (const answer of answers) {
    expect(answer).toMatchObject({ kind: 'error' });
    const code = answer.kind === 'error' ? answer.code : '';
    expect([
      'FormationViolation',
      'OccurrenceConstraintViolation',
      'TypeConstraintViolation',
      'PropertyConstraintViolation',
    ]).toContain(code);
  }
  expect(await stored(stationId)).toEqual([]);
});

it('never confirms what it could not store, and stores the retry once after recovery', async () => {
  // a gateway whose RAW_GATEWAY does not exist yet: JetStream refuses every publish
  const late = fixture.suite.namespace;
  const namespace = {
    streamPrefix: `${late.streamPrefix}LATE_`,
    subjectPrefix: `${late.subjectPrefix}late.`,
  };
  const lateUrl = (await fixture.startGateway(namespace)).url;
  const { charger, stationId, callIds } = await connectedCharger(lateUrl);

  await expect(charger.call('StartTransaction', START)).rejects.toMatchObject({
    rpcErrorCode: 'InternalError',
  });
  await fixture.provisionRawGateway(namespace);
  const retried = await resend(charger, callIds[0] ?? '', 'StartTransaction', START);
  expect(retried).toMatchObject({ kind: 'result', payload: { transactionId: 1 } });
  const again = await resend(charger, callIds[0] ?? '', 'StartTransaction', START);
  expect(again).toEqual(retried);
  const messages = await storedMessagesOf(fixture.jsm, namespace, OPERATOR, stationId);
  expect(messages).toHaveLength(1);
  expect(fixture.logLines).toContainEqual(
    expect.objectContaining({ stationId, msg: expect.stringContaining('not stored') as unknown }),
  );
});
