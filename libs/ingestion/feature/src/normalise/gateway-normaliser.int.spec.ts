import { z } from 'zod';
import { sessionIdOf, tokenRefOf, type EventEnvelope } from '@chargeledger/contracts';
import { startIngestion, type IngestionFixture } from '../testing/ingestion.fixture';

const OPERATOR = 'op-norm';
const STATION = 'CS-Norm-01';
const now = Date.now();
const at = (minutesAgo: number): string => new Date(now - minutesAgo * 60_000).toISOString();

function transactionEvent(
  eventType: 'Started' | 'Updated' | 'Ended',
  transactionId: string,
  seqNo: number,
  minutesAgo: number,
  kWh: number,
): Record<string, unknown> {
  return {
    eventType,
    timestamp: at(minutesAgo),
    triggerReason: eventType === 'Started' ? 'Authorized' : 'MeterValuePeriodic',
    seqNo,
    transactionInfo: {
      transactionId,
      ...(eventType === 'Ended' ? { stoppedReason: 'EVDisconnected' } : {}),
    },
    ...(eventType === 'Started' ? { evse: { id: 1, connectorId: 1 } } : {}),
    meterValue: [
      {
        timestamp: at(minutesAgo),
        sampledValue: [{ value: kWh, unitOfMeasure: { unit: 'kWh' } }],
      },
    ],
  };
}

const typesOf = (events: readonly EventEnvelope[]) => events.map((e) => e.type.split('.')[2]);
const rejectionCodes = (events: readonly EventEnvelope[]) =>
  events.flatMap((e) =>
    e.type.endsWith('RawEventRejected.v1')
      ? [z.object({ reasonCode: z.string() }).parse(e.data).reasonCode]
      : [],
  );

describe('gateway normaliser (RAW_GATEWAY → EVT_INGESTION on real NATS and Postgres)', () => {
  let fixture: IngestionFixture;

  beforeAll(async () => {
    fixture = await startIngestion();
    await fixture.registerStation(OPERATOR, { stationId: STATION });
  });
  afterAll(() => fixture.cleanup());

  it('turns a station session into facts and stores its state with the subject version', async () => {
    const tx = 'tx-1';
    await fixture.publishRaw(
      OPERATOR,
      STATION,
      'transaction-event',
      transactionEvent('Started', tx, 0, 60, 100),
    );
    await fixture.publishRaw(
      OPERATOR,
      STATION,
      'transaction-event',
      transactionEvent('Updated', tx, 1, 30, 105.5),
    );
    await fixture.publishRaw(
      OPERATOR,
      STATION,
      'transaction-event',
      transactionEvent('Ended', tx, 2, 10, 110.25),
    );
    const events = await fixture.waitForEvents(5);
    expect(typesOf(events)).toEqual([
      'SessionStarted',
      'MeterValuesRecorded',
      'MeterValuesRecorded',
      'MeterValuesRecorded',
      'SessionEnded',
    ]);
    const sessionId = sessionIdOf(OPERATOR, STATION, tx);
    expect(events.every((e) => e.subject.endsWith(sessionId))).toBe(true);
    expect(events.at(-1)?.data).toMatchObject({ sessionId, meterStopWh: '110250' });
    const rows = z
      .array(
        z.object({ status: z.string(), needs_review: z.boolean(), version: z.coerce.number() }),
      )
      .parse(
        await fixture.query(
          'SELECT status, needs_review, version FROM ingestion_sessions_v1 WHERE session_id = $1',
          [sessionId],
        ),
      );
    expect(rows).toEqual([{ status: 'ended', needs_review: false, version: 5 }]);
    const samples = z
      .array(
        z.object({
          sampled_at: z.string(),
          seq_no: z.coerce.number(),
          sample: z.record(z.string(), z.unknown()),
        }),
      )
      .parse(
        await fixture.query(
          `SELECT sampled_at, seq_no, sample FROM ingestion_session_samples_v1
           WHERE session_id = $1 ORDER BY sampled_at, seq_no`,
          [sessionId],
        ),
      );
    const accepted = (minutesAgo: number, seqNo: number, energyRegisterWh: string) => ({
      sampled_at: at(minutesAgo),
      seq_no: seqNo,
      sample: { sampledAt: at(minutesAgo), seqNo, energyRegisterWh },
    });
    expect(samples).toEqual([
      accepted(60, 0, '100000'),
      accepted(30, 1, '105500'),
      accepted(10, 2, '110250'),
    ]);
  });

  it('refuses what it cannot read or place, with a reason code and a row for operators', async () => {
    const before = (await fixture.ingestionEvents()).length;
    await fixture.publishRaw(
      OPERATOR,
      'CS-UNKNOWN',
      'transaction-event',
      transactionEvent('Started', 'tx-u', 0, 5, 1),
    );
    await fixture.publishRaw(OPERATOR, STATION, 'transaction-event', '{"eventType": ');
    await fixture.publishRaw(OPERATOR, STATION, 'firmware-status', { status: 'Installed' });
    await fixture.publishRaw(OPERATOR, STATION, 'transaction-event', { eventType: 'Started' });
    const events = (await fixture.waitForEvents(before + 4)).slice(before);
    expect(rejectionCodes(events)).toEqual([
      'INGESTION.UNKNOWN_STATION',
      'INGESTION.SCHEMA_VIOLATION',
      'INGESTION.UNKNOWN_MESSAGE_KIND',
      'INGESTION.SCHEMA_VIOLATION',
    ]);
    const rows = z
      .array(z.object({ reason_code: z.string() }))
      .parse(
        await fixture.query(
          'SELECT reason_code FROM ingestion_rejections_v1 ORDER BY raw_stream_sequence',
        ),
      );
    expect(rows.map((r) => r.reason_code)).toEqual(rejectionCodes(events));
  });

  it('stores a resent message once and decides nothing new for an identical resend', async () => {
    const tx = 'tx-dup';
    const started = transactionEvent('Started', tx, 0, 20, 7);
    const first = await fixture.publishRaw(
      OPERATOR,
      STATION,
      'transaction-event',
      started,
      'gw-msg-1',
    );
    const again = await fixture.publishRaw(
      OPERATOR,
      STATION,
      'transaction-event',
      started,
      'gw-msg-1',
    );
    expect(again).toEqual({ seq: first.seq, duplicate: true });
    const before = (await fixture.waitForEvents(11)).length;
    // The same content under another message id (a gateway that lost its ack and restarted)
    await fixture.publishRaw(OPERATOR, STATION, 'transaction-event', started, 'gw-msg-1-retry');
    const updated = transactionEvent('Updated', tx, 1, 15, 8);
    await fixture.publishRaw(OPERATOR, STATION, 'transaction-event', updated);
    const events = (await fixture.waitForEvents(before + 1)).slice(before);
    expect(typesOf(events)).toEqual(['MeterValuesRecorded']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await fixture.ingestionEvents()).length).toBe(before + 1);
    // the identical resend is counted where operators alert on it
    const metrics = await (await fetch(`${fixture.service.url}/metrics`)).text();
    expect(metrics).toContain('ingestion_duplicate_messages_total 1\n');
  });

  it('judges a token first presented after the start, publishes it, and flags it when unknown', async () => {
    const tx = 'tx-late-token';
    const before = (await fixture.ingestionEvents()).length;
    const idToken = { idToken: 'RFID-LATE', type: 'ISO14443' };
    await fixture.publishRaw(
      OPERATOR,
      STATION,
      'transaction-event',
      transactionEvent('Started', tx, 0, 40, 50),
    );
    await fixture.publishRaw(OPERATOR, STATION, 'transaction-event', {
      ...transactionEvent('Updated', tx, 1, 30, 51),
      idToken,
    });
    const events = (await fixture.waitForEvents(before + 5)).slice(before);
    expect(typesOf(events)).toEqual([
      'SessionStarted',
      'MeterValuesRecorded',
      'SessionTokenPresented',
      'MeterValuesRecorded',
      'SessionFlaggedForReview',
    ]);
    expect(events[2]?.data).toMatchObject({ tokenRef: tokenRefOf(OPERATOR, 'RFID-LATE') });
    expect(events[4]?.data).toMatchObject({ reasonCode: 'INGESTION.UNKNOWN_TOKEN' });
    const rows = z
      .array(z.object({ needs_review: z.boolean(), token_ref: z.string().nullable() }))
      .parse(
        await fixture.query(
          `SELECT needs_review, state->>'laterTokenRef' AS token_ref FROM ingestion_sessions_v1
           WHERE session_id = $1`,
          [sessionIdOf(OPERATOR, STATION, tx)],
        ),
      );
    expect(rows).toEqual([{ needs_review: true, token_ref: tokenRefOf(OPERATOR, 'RFID-LATE') }]);
  });
});

describe('gateway normaliser reading OCPP 1.6 and status reports', () => {
  let fixture: IngestionFixture;

  beforeAll(async () => {
    fixture = await startIngestion();
    await fixture.registerStation(OPERATOR, { stationId: STATION, ocppVersion: '1.6' });
  });
  afterAll(() => fixture.cleanup());

  it('bills a 1.6 transaction under the id the CSMS assigned: the start message stream sequence', async () => {
    const start = await fixture.publishRaw(OPERATOR, STATION, 'ocpp16-start-transaction', {
      connectorId: 1,
      idTag: 'RFID-1',
      meterStart: 1_000,
      timestamp: at(50),
    });
    const transactionId = start.seq;
    await fixture.publishRaw(OPERATOR, STATION, 'ocpp16-meter-values', {
      connectorId: 1,
      transactionId,
      meterValue: [
        {
          timestamp: at(30),
          sampledValue: [{ value: '4.5', unit: 'kWh', measurand: 'Energy.Active.Import.Register' }],
        },
      ],
    });
    await fixture.publishRaw(OPERATOR, STATION, 'ocpp16-stop-transaction', {
      transactionId,
      meterStop: 9_000,
      timestamp: at(5),
      reason: 'EVDisconnected',
    });
    await fixture.publishRaw(OPERATOR, STATION, 'ocpp16-status-notification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
      timestamp: at(50),
    });
    const all = await fixture.waitForEvents(7);
    // facts of different aggregates are published concurrently: order only holds per subject
    const sessionId = sessionIdOf(OPERATOR, STATION, String(transactionId));
    const events = all.filter((e) => e.subject.endsWith(sessionId));
    // RFID-1 is in no registry: the session is billed, and flagged for review
    expect(typesOf(events)).toEqual([
      'SessionStarted',
      'MeterValuesRecorded',
      'SessionFlaggedForReview',
      'MeterValuesRecorded',
      'MeterValuesRecorded',
      'SessionEnded',
    ]);
    expect(events[0]?.data).toMatchObject({
      sessionId,
      transactionId: String(transactionId),
      meterStartWh: '1000',
      tokenRef: tokenRefOf(OPERATOR, 'RFID-1'),
    });
    expect(events[2]?.data).toMatchObject({ reasonCode: 'INGESTION.UNKNOWN_TOKEN' });
    expect(events[5]?.data).toMatchObject({ sessionId, meterStopWh: '9000' });
    const status = all.find((e) => e.type.endsWith('StationStatusChanged.v1'));
    expect(status?.data).toMatchObject({ stationId: STATION, evseId: 1, status: 'Occupied' });
  });
});
