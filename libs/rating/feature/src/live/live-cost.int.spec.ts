/**
 * The driver feed over real HTTP, NATS and Postgres: a driver joining a session midway
 * first sees its latest cost, then each new cost as rating publishes it, then the rated
 * total, and the stream ends; another operator's token and a driver token for another
 * session get the 404 of a session that does not exist.
 */
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { SessionCostUpdatedV1, sessionIdOf, SessionRatedV1 } from '@chargeledger/contracts';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents } from '../testing/session-events.builder';

const OP = 'op-feed';
const STATION = 'FEED-1';
const REGISTERED_AT = '2025-01-01T00:00:00.000Z';
const STARTED_AT = '2025-06-02T08:00:00.000Z';
const at = (s: number) => new Date(Date.parse(STARTED_AT) + s * 1_000).toISOString();

let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

function tariffedStation(): Promise<void> {
  return rating.stationWithTariff(OP, STATION, REGISTERED_AT, [
    { type: 'ENERGY', price: '0.39', vat: 20, step_size: 1 },
    { type: 'TIME', price: '2.40', vat: 20, step_size: 60 },
  ]);
}

/** Start, state, ten readings 30 s apart (one per MeterValuesRecorded), end. */
function sessionOfTenReadings() {
  const registers = Array.from({ length: 10 }, (_, k) => String(5_000 + (k + 1) * 400));
  return sessionEvents(rating.suite.namespace, {
    operatorId: OP,
    stationId: STATION,
    transactionId: 'tx-feed',
    startedAt: STARTED_AT,
    meterStartWh: '5000',
    samples: registers.map((wh, k) => ({ sampledAt: at((k + 1) * 30), energyRegisterWh: wh })),
    states: [{ at: STARTED_AT, state: 'Charging' }],
    endedAt: at(300),
    meterStopWh: registers.at(-1) ?? '5000',
    chunk: 1,
  });
}

const driverToken = (sessionId: string) => rating.bearer(OP, 'driver', sessionId);

interface ServerSentEvent {
  readonly event: string;
  readonly id: string;
  readonly data: unknown;
}

/** Reads server-sent events off a response body, comments skipped, until it ends. */
async function* serverSentEvents(response: Response): AsyncGenerator<ServerSentEvent, void> {
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (reader === undefined) throw new Error('no body');
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += value;
    for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
      const fields = new Map(
        buffered
          .slice(0, end)
          .split('\n')
          .filter((line) => !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      );
      buffered = buffered.slice(end + 2);
      if (fields.size > 0)
        yield {
          event: fields.get('event') ?? '',
          id: fields.get('id') ?? '',
          data: JSON.parse(fields.get('data') ?? 'null'),
        };
    }
  }
}

describe('the live cost feed of a session', () => {
  const sessionId = sessionIdOf(OP, STATION, 'tx-feed');
  const path = `/v1/operators/${OP}/sessions/${sessionId}/cost`;

  it('sends the latest cost, each new cost, then the rated total, and ends', async () => {
    await tariffedStation();
    const events = sessionOfTenReadings();
    // Start, state change and the readings at 30, 60 and 90 s: live costs at 30 and 60 s.
    await rating.append(events.slice(0, 5));
    await rating.waitForRatings(2, 30_000);

    const response = await fetch(`${rating.service.url}${path}`, {
      headers: { authorization: await driverToken(sessionId) },
      signal: AbortSignal.timeout(60_000),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const feed = serverSentEvents(response);
    const { value: first } = await feed.next();
    if (first === undefined) throw new Error('the feed ended before its first event');
    expect(first).toMatchObject({ event: 'cost', data: { sessionId, asOf: at(60) } });

    // The remaining readings, then (once they are priced, as at a station) the end.
    await rating.append(events.slice(5, -1));
    await rating.waitForRatings(6, 30_000);
    await rating.append(events.slice(-1));
    const rest: ServerSentEvent[] = [];
    for await (const event of feed) rest.push(event);

    const costs = rest
      .filter((e) => e.event === 'cost')
      .map((e) => SessionCostUpdatedV1.schema.parse(e.data));
    expect(costs.map((c) => c.asOf)).toEqual([120, 180, 240, 300, 300].map(at));
    const all = [first, ...rest];
    const excl = all
      .filter((e) => e.event === 'cost')
      .map((e) => new Decimal(SessionCostUpdatedV1.schema.parse(e.data).cost.excl_vat));
    for (const [k, cost] of excl.entries()) expect(cost.gte(excl[k - 1] ?? 0)).toBe(true);
    expect(excl[0]?.lt(excl.at(-1) ?? 0)).toBe(true);
    const ids = all.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(rest.map((e) => e.event).at(-1)).toBe('rated');
    expect(rest.filter((e) => e.event === 'rated')).toHaveLength(1);
    const rated = SessionRatedV1.schema.parse(rest.at(-1)?.data);
    expect(rated.totals.total_cost).toEqual(costs.at(-1)?.cost);
  }, 90_000);

  it('sends a rated session its total at once and ends', async () => {
    const response = await fetch(`${rating.service.url}${path}`, {
      headers: { authorization: await rating.bearer(OP, 'operator') },
      signal: AbortSignal.timeout(10_000),
    });
    const events: ServerSentEvent[] = [];
    for await (const event of serverSentEvents(response)) events.push(event);
    expect(events.map((e) => e.event)).toEqual(['rated']);
  });

  it('serves the driver at the session address, the operator taken from the token', async () => {
    const driverPath = `/v1/sessions/${sessionId}/cost`;
    const response = await fetch(`${rating.service.url}${driverPath}`, {
      headers: { authorization: await driverToken(sessionId) },
      signal: AbortSignal.timeout(10_000),
    });
    const events: ServerSentEvent[] = [];
    for await (const event of serverSentEvents(response)) events.push(event);
    expect(events.map((e) => e.event)).toEqual(['rated']);
    expect(events[0]?.data).toMatchObject({ sessionId });

    const otherSession = await rating.call('GET', driverPath, undefined, {
      authorization: await driverToken(randomUUID()),
    });
    expect(otherSession).toMatchObject({ status: 404, body: { code: 'REQUEST.NOT_FOUND' } });
    const operator = await rating.call('GET', driverPath, undefined, {
      authorization: await rating.bearer(OP, 'operator'),
    });
    expect(operator).toMatchObject({ status: 403, body: { code: 'AUTH.ROLE_FORBIDDEN' } });
    const notASession = await rating.call('GET', '/v1/sessions/not-a-uuid/cost', undefined, {
      authorization: await driverToken('not-a-uuid'),
    });
    expect(notASession).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID' } });
    const anonymous = await fetch(`${rating.service.url}${driverPath}`);
    expect(anonymous.status).toBe(401);
  });

  it('answers another operator and a driver of another session with 404', async () => {
    const foreign = await rating.call('GET', path, undefined, {
      authorization: await rating.bearer('op-other', 'operator'),
    });
    expect(foreign).toMatchObject({ status: 404, body: { code: 'REQUEST.NOT_FOUND' } });
    const otherDriver = await rating.call('GET', path, undefined, {
      authorization: await driverToken(randomUUID()),
    });
    expect(otherDriver).toMatchObject({ status: 404, body: { code: 'REQUEST.NOT_FOUND' } });
    const gateway = await rating.call('GET', path, undefined, {
      authorization: await rating.bearer(OP, 'gateway'),
    });
    expect(gateway.status).toBe(403);
  });
});
