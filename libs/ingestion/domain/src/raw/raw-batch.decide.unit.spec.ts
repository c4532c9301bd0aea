import {
  tokenRefOf,
  type GatewayMessageKind,
  type TokenAuthorization,
} from '@chargeledger/contracts';
import { ingest, OPERATOR, payload, STATION, t } from '../testing/transaction-event.builder';
import { decideRawBatch, tokensToJudge, type RawBatchFacts } from './raw-batch.decide';
import { readRawMessage } from './raw-message.read';

let sequence = 0;
/** A raw message read as the normaliser reads it; by default the next in the stream. */
function read(kind: GatewayMessageKind, body: unknown, streamSequence = ++sequence) {
  return readRawMessage({
    operatorId: OPERATOR,
    stationId: STATION,
    kind,
    subjectKind: kind,
    rawMessageId: `00000000-0000-4000-8000-${String(streamSequence).padStart(12, '0')}`,
    streamSequence,
    receivedAt: '2026-03-01T12:00:00.000Z',
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
}

function factsJudging(decision: TokenAuthorization, asked: string[]): RawBatchFacts {
  return {
    station: () => ({ stationId: STATION, connectors: ingest({}).connectors }),
    session: () => undefined,
    tokenDecision: (_operatorId, uid, at) => {
      asked.push(`${uid}@${at}`);
      return decision;
    },
    policy: ingest({}).policy,
  };
}

const UNKNOWN: TokenAuthorization = { status: 'UNKNOWN', reason: 'REGISTRY.TOKEN_UNKNOWN' };
const ACCEPTED: TokenAuthorization = { status: 'ACCEPTED', reason: 'REGISTRY.TOKEN_VALID' };
const typesOf = (decision: ReturnType<typeof decideRawBatch>) =>
  decision.decisions.flatMap((d) => d.events.map((e) => e.type));

describe('raw batch: token decisions and seqNo sources', () => {
  it('given messages presenting tokens, when the batch is read, then each token and time is named once', () => {
    const idToken = { idToken: 'RFID-7', type: 'ISO14443' };
    const readings = [
      read('transaction-event', payload('Started', 0, t(0), [{ at: t(0), kWh: 1 }], { idToken })),
      read('transaction-event', payload('Started', 0, t(0), [{ at: t(0), kWh: 1 }], { idToken })),
      read('transaction-event', payload('Updated', 1, t(1), [], { idToken })),
      read('transaction-event', payload('Updated', 2, t(2), [])),
    ];
    expect(tokensToJudge(readings)).toEqual([
      { operatorId: OPERATOR, uid: 'RFID-7', at: '2026-03-01T10:00:00.000Z' },
      { operatorId: OPERATOR, uid: 'RFID-7', at: '2026-03-01T10:01:00.000Z' },
    ]);
  });

  it('given a session started without a token, when an Updated presents an unknown one, then it is charged to it and flagged', () => {
    const asked: string[] = [];
    const rfid = (uid: string) => ({ idToken: { idToken: uid, type: 'ISO14443' } });
    const decided = decideRawBatch(
      [
        read('transaction-event', payload('Started', 0, t(0), [{ at: t(0), kWh: 1 }])),
        read(
          'transaction-event',
          payload('Updated', 1, t(1), [{ at: t(1), kWh: 1.2 }], rfid('RFID-8')),
        ),
        // the session has its token now: another one presented later is not judged again
        read(
          'transaction-event',
          payload('Updated', 2, t(2), [{ at: t(2), kWh: 1.4 }], rfid('RFID-9')),
        ),
      ],
      factsJudging(UNKNOWN, asked),
    );
    expect(decided.decisions.map((d) => d.events.map((e) => e.type))).toEqual([
      ['SessionStarted', 'MeterValuesRecorded'],
      ['SessionTokenPresented', 'MeterValuesRecorded', 'SessionFlaggedForReview'],
      ['MeterValuesRecorded'],
    ]);
    const [session] = decided.sessions.keys();
    expect(decided.decisions[1]?.events[0]?.data).toEqual({
      sessionId: session,
      tokenRef: tokenRefOf(OPERATOR, 'RFID-8'),
      presentedAt: t(1),
    });
    expect(decided.decisions[1]?.events[2]?.data).toMatchObject({
      reasonCode: 'INGESTION.UNKNOWN_TOKEN',
    });
    expect([...decided.sessions.values()]).toEqual([
      expect.objectContaining({ needsReview: true, laterTokenRef: tokenRefOf(OPERATOR, 'RFID-8') }),
    ]);
  });

  it('given a session started without a token, when an Updated presents an accepted one, then it is charged to it unflagged', () => {
    const decided = decideRawBatch(
      [
        read('transaction-event', payload('Started', 0, t(0), [{ at: t(0), kWh: 1 }])),
        read(
          'transaction-event',
          payload('Updated', 1, t(1), [], { idToken: { idToken: 'RFID-8', type: 'ISO14443' } }),
        ),
      ],
      factsJudging(ACCEPTED, []),
    );
    expect(typesOf(decided)).toEqual([
      'SessionStarted',
      'MeterValuesRecorded',
      'SessionTokenPresented',
      'SessionSeqNoReceived',
    ]);
    expect([...decided.sessions.values()]).toEqual([
      expect.objectContaining({
        needsReview: false,
        laterTokenRef: tokenRefOf(OPERATOR, 'RFID-8'),
      }),
    ]);
  });

  it('given a session started without a token, when its Ended presents one, then the token comes before the end with ids of its own', () => {
    const started = read('transaction-event', payload('Started', 0, t(0), [{ at: t(0), kWh: 1 }]));
    const ended = payload('Ended', 1, t(1), [{ at: t(1), kWh: 1.2 }], {
      idToken: { idToken: 'RFID-8', type: 'ISO14443' },
    });
    const endedAt = ++sequence;
    const withToken = decideRawBatch(
      [started, read('transaction-event', ended, endedAt)],
      factsJudging(ACCEPTED, []),
    );
    expect(withToken.decisions[1]?.events.map((e) => e.type)).toEqual([
      'SessionTokenPresented',
      'MeterValuesRecorded',
      'SessionEnded',
    ]);
    // the message's other facts have the ids they would have without a token
    const withoutToken = decideRawBatch(
      [started, read('transaction-event', { ...ended, idToken: undefined }, endedAt)],
      factsJudging(ACCEPTED, []),
    );
    expect(withToken.decisions[1]?.events.slice(1).map((e) => e.id)).toEqual(
      withoutToken.decisions[1]?.events.map((e) => e.id),
    );
    const ids = withToken.decisions.flatMap((d) => d.events.map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('given a session started with a token, when an Updated presents another, then nothing changes for the token', () => {
    const idToken = (uid: string) => ({ idToken: { idToken: uid, type: 'ISO14443' } });
    const decided = decideRawBatch(
      [
        read(
          'transaction-event',
          payload('Started', 0, t(0), [{ at: t(0), kWh: 1 }], idToken('RFID-7')),
        ),
        read(
          'transaction-event',
          payload('Updated', 1, t(1), [{ at: t(1), kWh: 1.2 }], idToken('RFID-8')),
        ),
      ],
      factsJudging(ACCEPTED, []),
    );
    expect(typesOf(decided)).toEqual([
      'SessionStarted',
      'MeterValuesRecorded',
      'MeterValuesRecorded',
    ]);
    const [state] = decided.sessions.values();
    expect(state).not.toHaveProperty('laterTokenRef');
  });

  it('given a 1.6 start with an unknown idTag and stream-sequence seqNos, when decided, then flagged and no gap', () => {
    const asked: string[] = [];
    const start = read('ocpp16-start-transaction', {
      connectorId: 1,
      idTag: 'RFID-9',
      meterStart: 1000,
      timestamp: t(0),
    });
    read('transaction-event', {}); // another station's message takes a stream sequence
    const stop = read('ocpp16-stop-transaction', {
      transactionId: start.raw.streamSequence,
      meterStop: 2000,
      timestamp: t(30),
      reason: 'EVDisconnected',
    });
    const decided = decideRawBatch([start, stop], factsJudging(UNKNOWN, asked));
    expect(asked).toEqual([`RFID-9@${t(0)}`]);
    expect(typesOf(decided)).toEqual([
      'SessionStarted',
      'MeterValuesRecorded',
      'SessionFlaggedForReview',
      'MeterValuesRecorded',
      'SessionEnded',
    ]);
  });

  it('given a 2.0.1 session missing seqNo 1, when it ends, then it is marked incomplete', () => {
    const readings = [
      read('transaction-event', payload('Started', 0, t(0), [{ at: t(0), kWh: 1 }])),
      read('transaction-event', payload('Ended', 2, t(30), [{ at: t(30), kWh: 2 }])),
    ];
    const decided = decideRawBatch(readings, factsJudging(UNKNOWN, []));
    expect(typesOf(decided)).toContain('SessionMarkedIncomplete');
  });
});
