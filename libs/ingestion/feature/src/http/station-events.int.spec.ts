import { z } from 'zod';
import { sessionIdOf } from '@chargeledger/contracts';
import { startIngestion, type IngestionFixture } from '../testing/ingestion.fixture';

const OPERATOR = 'op-http';
const STATION = 'CS-HTTP-1';
const PATH = `/v1/operators/${OPERATOR}/stations/${STATION}/events`;
const now = Date.now();
const at = (minutesAgo: number): string => new Date(now - minutesAgo * 60_000).toISOString();

function started(transactionId: string): Record<string, unknown> {
  return {
    eventType: 'Started',
    timestamp: at(10),
    triggerReason: 'Authorized',
    seqNo: 0,
    transactionInfo: { transactionId },
    evse: { id: 1, connectorId: 1 },
    meterValue: [{ timestamp: at(10), sampledValue: [{ value: 1200 }] }],
  };
}

const result = z.object({
  messageId: z.string(),
  rawEventId: z.uuid(),
  streamSequence: z.int(),
  stored: z.enum(['stored', 'duplicate']),
  verdict: z.enum(['accepted', 'rejected']),
  reasonCode: z.string().optional(),
});

describe('POST station events over HTTP (stored in RAW_GATEWAY before the answer)', () => {
  let fixture: IngestionFixture;

  const asGateway = async (operatorId = OPERATOR) => ({
    authorization: await fixture.bearer(operatorId, 'gateway'),
  });

  beforeAll(async () => {
    fixture = await startIngestion();
    await fixture.registerStation(OPERATOR, { stationId: STATION });
  });
  afterAll(() => fixture.cleanup());

  it('stores a single message, answers 202, and the normaliser turns it into a session', async () => {
    const reply = await fixture.call(
      'POST',
      PATH,
      { messageId: 'm-1', payload: started('tx-h1') },
      await asGateway(),
    );
    expect(reply.status).toBe(202);
    expect(result.parse(reply.body)).toMatchObject({ stored: 'stored', verdict: 'accepted' });
    const events = await fixture.waitForEvents(2);
    expect(events[0]?.data).toMatchObject({ sessionId: sessionIdOf(OPERATOR, STATION, 'tx-h1') });
  });

  it('answers a resend with the same message id as a duplicate of the same stored message', async () => {
    const first = result.parse(
      (
        await fixture.call(
          'POST',
          PATH,
          { messageId: 'm-2', payload: started('tx-h2') },
          await asGateway(),
        )
      ).body,
    );
    const again = result.parse(
      (
        await fixture.call(
          'POST',
          PATH,
          { messageId: 'm-2', payload: started('tx-h2') },
          await asGateway(),
        )
      ).body,
    );
    expect(again).toEqual({ ...first, stored: 'duplicate' });
  });

  it('answers a batch with one result per message, in order, refusing the unreadable one', async () => {
    const reply = await fixture.call(
      'POST',
      PATH,
      {
        events: [
          { messageId: 'b-1', payload: started('tx-h3') },
          { messageId: 'b-2', payload: { eventType: 'Started' } },
          {
            messageId: 'b-3',
            kind: 'ocpp16-status-notification',
            payload: { connectorId: 1, errorCode: 'NoError', status: 'Available' },
          },
        ],
      },
      await asGateway(),
    );
    expect(reply.status).toBe(200);
    const { results } = z.object({ results: z.array(result) }).parse(reply.body);
    expect(results.map((r) => [r.messageId, r.verdict, r.reasonCode])).toEqual([
      ['b-1', 'accepted', undefined],
      ['b-2', 'rejected', 'INGESTION.SCHEMA_VIOLATION'],
      ['b-3', 'accepted', undefined],
    ]);
  });

  it('refuses a single unreadable message with 422 problem+json naming its raw event', async () => {
    const reply = await fixture.call(
      'POST',
      PATH,
      { messageId: 'bad-1', payload: { eventType: 'Nope' } },
      await asGateway(),
    );
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'INGESTION.SCHEMA_VIOLATION' });
  });

  it('refuses a malformed request naming the field, and another operator with 404', async () => {
    const missing = await fixture.call(
      'POST',
      PATH,
      { payload: started('tx-x') },
      await asGateway(),
    );
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('messageId');
    const foreign = await fixture.call(
      'POST',
      PATH,
      { messageId: 'f-1', payload: started('tx-f') },
      await asGateway('op-other'),
    );
    expect(foreign.status).toBe(404);
  });

  it('lists refused messages for the operator', async () => {
    const deadline = Date.now() + 30_000;
    let codes: string[] = [];
    while (Date.now() < deadline && codes.length < 2) {
      const reply = await fixture.call('GET', `/v1/operators/${OPERATOR}/rejections?limit=100`);
      expect(reply.status).toBe(200);
      codes = z
        .object({ items: z.array(z.object({ reasonCode: z.string() })) })
        .parse(reply.body)
        .items.map((i) => i.reasonCode);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(codes).toEqual(['INGESTION.SCHEMA_VIOLATION', 'INGESTION.SCHEMA_VIOLATION']);
  });
});
