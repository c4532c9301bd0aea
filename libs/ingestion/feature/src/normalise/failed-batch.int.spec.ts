/**
 * A batch whose facts cannot all be published is rolled back as a whole: what Postgres
 * wrote beside the publish (accepted samples, the claim) and before it is gone, and the
 * message comes again.
 */
import { z } from 'zod';
import { SessionFlaggedForReviewV1, sessionIdOf } from '@chargeledger/contracts';
import { INGESTION_GATEWAY_CONSUMER } from './gateway-normaliser';
import { startIngestion, type IngestionFixture } from '../testing/ingestion.fixture';

const OPERATOR = 'op-fail';
const STATION = 'CS-Fail-01';
const now = Date.now();
const at = (minutesAgo: number): string => new Date(now - minutesAgo * 60_000).toISOString();

function transactionEvent(eventType: 'Started' | 'Updated', seqNo: number, minutesAgo: number) {
  return {
    eventType,
    timestamp: at(minutesAgo),
    triggerReason: eventType === 'Started' ? 'Authorized' : 'MeterValuePeriodic',
    seqNo,
    transactionInfo: { transactionId: 'tx-fail' },
    ...(eventType === 'Started' ? { evse: { id: 1, connectorId: 1 } } : {}),
    meterValue: [
      {
        timestamp: at(minutesAgo),
        sampledValue: [{ value: 100 + seqNo, unitOfMeasure: { unit: 'kWh' } }],
      },
    ],
  };
}

describe('gateway normaliser when a batch fails', () => {
  let fixture: IngestionFixture;

  beforeAll(async () => {
    fixture = await startIngestion();
    await fixture.registerStation(OPERATOR, { stationId: STATION });
  });
  afterAll(() => fixture.cleanup());

  it('keeps nothing a batch wrote when its publish failed, and the message comes again', async () => {
    const sessionId = sessionIdOf(OPERATOR, STATION, 'tx-fail');
    await fixture.publishRaw(
      OPERATOR,
      STATION,
      'transaction-event',
      transactionEvent('Started', 0, 30),
    );
    await fixture.waitForEvents(2);
    // another writer moves the session's subject: the next append expects the old version
    await fixture.publish(
      SessionFlaggedForReviewV1,
      { operatorId: OPERATOR, aggregateId: sessionId, time: at(20) },
      { sessionId, reasonCode: 'INGESTION.TOKEN_UNKNOWN', detail: 'another writer' },
    );
    const updated = await fixture.publishRaw(
      OPERATOR,
      STATION,
      'transaction-event',
      transactionEvent('Updated', 1, 10),
    );
    const jsm = await fixture.connection.jetstreamManager();
    const stream = `${fixture.suite.namespace.streamPrefix}RAW_GATEWAY`;
    // redelivered: the batch failed, was rolled back and nak'd
    const redelivered = async () =>
      (await jsm.consumers.info(stream, INGESTION_GATEWAY_CONSUMER)).num_redelivered;
    const deadline = Date.now() + 15_000;
    while ((await redelivered()) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await redelivered()).toBe(1);

    const rows = async (sql: string) =>
      z.array(z.object({ n: z.coerce.number() })).parse(await fixture.query(sql, [sessionId]));
    expect(
      await rows(
        'SELECT seq_no AS n FROM ingestion_session_samples_v1 WHERE session_id = $1 ORDER BY seq_no',
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      await rows('SELECT version AS n FROM ingestion_sessions_v1 WHERE session_id = $1'),
    ).toEqual([{ n: 2 }]);
    const claims = z
      .array(z.object({ n: z.coerce.number() }))
      .parse(
        await fixture.query(
          'SELECT count(*) AS n FROM ingestion_raw_messages_v1 WHERE stream_sequence = $1',
          [updated.seq],
        ),
      );
    expect(claims).toEqual([{ n: 0 }]);
    const facts = await fixture.ingestionEvents();
    expect(facts.filter((e) => e.subject.endsWith(sessionId))).toHaveLength(3);
  });
});
