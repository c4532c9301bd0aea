/**
 * A gateway that was offline for a day flushes everything it buffered at once: 24 sessions
 * on two connectors, late, with resends and the meter readings of each session shuffled.
 * Every session must end with exactly the energy the meter measured, nothing refused.
 */
import { z } from 'zod';
import { sessionIdOf } from '@chargeledger/contracts';
import { startIngestion, type IngestionFixture } from '../testing/ingestion.fixture';

const OPERATOR = 'op-day';
const STATION = 'CS-DAY-01';
const SESSIONS = 24;
const READINGS_PER_SESSION = 8;
const WH_PER_READING = 900; // 5 minutes at 10.8 kW, under the 22 kW connector's rating
const SEED = Number(process.env['TEST_SEED'] ?? Date.now() % 100_000);

/** A small seeded generator (mulberry32), so a failure can be replayed with TEST_SEED. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Message {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

function sessionMessages(index: number, startMs: number, registerWh: number): Message[] {
  const transactionId = `day-${index}`;
  const evse = (index % 2) + 1;
  const sample = (minutes: number, wh: number) => ({
    timestamp: new Date(startMs + minutes * 60_000).toISOString(),
    sampledValue: [{ value: wh, unitOfMeasure: { unit: 'Wh' } }],
  });
  const message = (eventType: string, seqNo: number, minutes: number, wh: number) => ({
    id: `${transactionId}/${seqNo}`,
    body: {
      eventType,
      timestamp: new Date(startMs + minutes * 60_000).toISOString(),
      triggerReason: eventType === 'Started' ? 'Authorized' : 'MeterValuePeriodic',
      seqNo,
      offline: true,
      transactionInfo: { transactionId },
      ...(eventType === 'Started' ? { evse: { id: evse, connectorId: 1 } } : {}),
      meterValue: [sample(minutes, wh)],
    },
  });
  const readings = Array.from({ length: READINGS_PER_SESSION }, (_, i) =>
    message('Updated', i + 1, (i + 1) * 5, registerWh + (i + 1) * WH_PER_READING),
  );
  const endMinutes = (READINGS_PER_SESSION + 1) * 5;
  const endWh = registerWh + READINGS_PER_SESSION * WH_PER_READING;
  return [
    message('Started', 0, 0, registerWh),
    ...readings,
    message('Ended', READINGS_PER_SESSION + 1, endMinutes, endWh),
  ];
}

describe(`a gateway replaying a buffered day (seed ${SEED})`, () => {
  let fixture: IngestionFixture;

  beforeAll(async () => {
    fixture = await startIngestion();
    await fixture.registerStation(OPERATOR, {
      stationId: STATION,
      evses: [1, 2].map((evseId) => ({
        evseId,
        connectors: [{ connectorId: 1, powerType: 'AC_3_PHASE', maxPowerW: 22_000 }],
      })),
    });
  });
  afterAll(() => fixture.cleanup());

  it('bills every session with the metered energy, late, shuffled and resent', async () => {
    const next = random(SEED);
    const dayStartMs = Date.now() - 25 * 3_600_000;
    const registers = [1_000_000, 2_000_000];
    const flush: Message[] = [];
    for (let index = 0; index < SESSIONS; index++) {
      const evseRegister = index % 2;
      const messages = sessionMessages(
        index,
        dayStartMs + index * 3_600_000,
        registers[evseRegister] ?? 0,
      );
      registers[evseRegister] =
        (registers[evseRegister] ?? 0) + READINGS_PER_SESSION * WH_PER_READING;
      // the readings between start and end arrive in any order; some are sent twice
      const [started, ...rest] = messages;
      const shuffled = rest.sort(() => next() - 0.5);
      const resent = shuffled.filter(() => next() < 0.2);
      if (started !== undefined) flush.push(started);
      flush.push(...shuffled, ...resent);
    }
    for (const { id, body } of flush)
      await fixture.publishRaw(OPERATOR, STATION, 'transaction-event', body, `${STATION}/${id}`);

    const sessionIds = Array.from({ length: SESSIONS }, (_, i) =>
      sessionIdOf(OPERATOR, STATION, `day-${i}`),
    );
    const endedRows = z.array(
      z.object({ session_id: z.string(), stop: z.string(), start: z.string() }),
    );
    const deadline = Date.now() + 60_000;
    let rows: z.infer<typeof endedRows> = [];
    while (Date.now() < deadline) {
      rows = endedRows.parse(
        await fixture.query(
          `SELECT session_id, state->'end'->>'meterStopWh' AS stop, state->'start'->>'meterStartWh' AS start
           FROM ingestion_sessions_v1 WHERE status = 'ended' AND session_id = ANY($1::uuid[])`,
          [sessionIds],
        ),
      );
      if (rows.length === SESSIONS) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(rows).toHaveLength(SESSIONS);
    for (const row of rows)
      expect(Number(row.stop) - Number(row.start)).toBe(READINGS_PER_SESSION * WH_PER_READING);
    const refused = z
      .array(z.object({ reason_code: z.string() }))
      .parse(await fixture.query('SELECT reason_code FROM ingestion_rejections_v1'));
    expect(refused).toEqual([]);
    const events = await fixture.ingestionEvents();
    const ended = events.filter((e) => e.type.endsWith('SessionEnded.v1'));
    expect(ended).toHaveLength(SESSIONS);
  });
});
