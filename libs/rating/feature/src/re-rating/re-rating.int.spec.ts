/**
 * Re-rating through NATS and Postgres: operator corrections over HTTP (tariff version,
 * meter data, one built on another, idempotent retry, stale and concurrent corrections,
 * bad input) and facts recorded after a rating, inside and outside the window; rating's
 * views rebuild byte-identical afterwards.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import {
  createEnvelope,
  derivedEventId,
  MeterValuesRecordedV1,
  partitionOf,
  partitionToken,
  SessionRatedV1,
  SessionRatingRefusedV1,
  SessionReRatedV1,
  SessionReRatingDeclinedV1,
  sessionIdOf,
  StationTariffAssignedV1,
  type EventData,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { correctedCdrIdOf } from '@chargeledger/rating/domain';
import { RatingRegistryProjection } from '../registry-view/rating-registry.projection';
import { SessionFactsProjection } from '../sessions/session-facts.projection';
import { TariffVersionsProjection } from '../tariffs/tariff-versions.projection';
import { startRating, type RatingFixture } from '../testing/rating.fixture';
import { sessionEvents, type SessionSpec } from '../testing/session-events.builder';
import { rebuiltViewMatches } from '../testing/view-rebuild.testing';

const OP = 'op-rerate';
const STATION = 'CP-R1';
const TARIFF = `T-${STATION}`;
// 11:20-12:00 in Paris (10:20-11:00 UTC in March) energy costs 0.50, else 0.30.
const PEAK = [
  {
    price_components: [{ type: 'ENERGY', price: '0.50', vat: 21, step_size: 1 }],
    restrictions: { start_time: '11:20', end_time: '12:00' },
  },
  { price_components: [{ type: 'ENERGY', price: '0.30', vat: 21, step_size: 1 }] },
];

type ReRated = EventData<typeof SessionReRatedV1>;
type Rated = EventData<typeof SessionRatedV1>;

let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
  await rating.stationWithTariff(OP, STATION, '2026-03-01T00:00:00.000Z');
  await rating.publishTariffVersion(
    OP,
    {
      tariffId: TARIFF,
      version: 1,
      currency: 'EUR',
      validFrom: '2026-03-01T00:00:00.000Z',
      validTo: null,
      tariff: { id: TARIFF, currency: 'EUR', elements: PEAK },
    },
    '2026-03-01T00:00:00.000Z',
  );
  await rating.publishTariffVersion(
    OP,
    {
      tariffId: TARIFF,
      version: 2,
      currency: 'EUR',
      validFrom: '2026-04-01T00:00:00.000Z',
      validTo: null,
      tariff: {
        id: TARIFF,
        currency: 'EUR',
        elements: [
          { price_components: [{ type: 'ENERGY', price: '0.333', vat: 21, step_size: 1 }] },
        ],
      },
    },
    '2026-03-01T00:00:00.000Z',
  );
  await rating.publishTariffVersion(
    OP,
    {
      tariffId: 'T-USD',
      version: 1,
      currency: 'USD',
      validFrom: '2026-03-01T00:00:00.000Z',
      validTo: null,
      tariff: { id: 'T-USD', currency: 'USD', elements: PEAK },
    },
    '2026-03-01T00:00:00.000Z',
  );
  await rating.publish(
    StationTariffAssignedV1,
    { operatorId: OP, aggregateId: STATION, time: '2026-03-01T00:00:00.000Z' },
    { stationId: STATION, tariffId: TARIFF },
  );
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

/** A 10 kWh session from 10:00 to 11:00 UTC on `day`, its register at 11000 Wh by 10:40. */
function session(transactionId: string, day: string, stationId = STATION): SessionSpec {
  return {
    operatorId: OP,
    stationId,
    transactionId,
    startedAt: `${day}T10:00:00.000Z`,
    meterStartWh: '1000',
    samples: [{ sampledAt: `${day}T10:40:00.000Z`, energyRegisterWh: '11000' }],
    states: [{ at: `${day}T10:00:00.000Z`, state: 'Charging' }],
    endedAt: `${day}T11:00:00.000Z`,
    meterStopWh: '11000',
  };
}

const CORRECTED_TX = 'tx-corr';
const CORRECTED_PARTITION = partitionOf(sessionIdOf(OP, STATION, CORRECTED_TX));

/** A transaction whose session shares the corrected session's partition: one durable's
 * rebuild then holds every session fact of this suite. */
function transactionInSamePartition(prefix: string, stationId = STATION): string {
  for (let n = 0; ; n++)
    if (partitionOf(sessionIdOf(OP, stationId, `${prefix}-${n}`)) === CORRECTED_PARTITION)
      return `${prefix}-${n}`;
}

const sessionOf = (e: EventEnvelope) => z.object({ sessionId: z.string() }).parse(e.data).sessionId;

async function rated(spec: SessionSpec): Promise<EventEnvelope> {
  const sessionId = sessionIdOf(OP, spec.stationId, spec.transactionId);
  await rating.append(sessionEvents(rating.suite.namespace, spec));
  const [event] = await rating.waitForStreamEvents(
    'EVT_RATING',
    1,
    (e) => e.type === SessionRatedV1.type && sessionOf(e) === sessionId,
  );
  if (event === undefined) throw new Error('not rated');
  return event;
}

const reRatingsOf = (sessionId: string) => (e: EventEnvelope) =>
  [SessionReRatedV1.type, SessionReRatingDeclinedV1.type].includes(e.type) &&
  sessionOf(e) === sessionId;

const path = (sessionId: string) => `/v1/operators/${OP}/sessions/${sessionId}/re-ratings`;

const negated = (value: string) => new Decimal(value).neg();

function expectExactCredit(credit: ReRated['credit'], of: Rated): void {
  expect(credit.cdrId).toBe(`${of.cdrId}-C`);
  expect(credit.creditReferenceId).toBe(of.cdrId);
  expect(credit.billable.lines).toHaveLength(of.billable.lines.length);
  credit.billable.lines.forEach((line, index) => {
    const original = of.billable.lines[index];
    if (original === undefined) throw new Error('line missing');
    expect(new Decimal(line.excl_vat).eq(negated(original.excl_vat))).toBe(true);
    expect(line.excl_vat.replace('-', '')).toBe(original.excl_vat.replace('-', ''));
    expect(line.incl_vat).toBe(`-${original.incl_vat ?? ''}`);
  });
  const sum = credit.billable.lines.reduce((s, l) => s.plus(l.excl_vat), new Decimal(0));
  expect(sum.eq(negated(of.billable.total.excl_vat))).toBe(true);
  expect(credit.totals.total_cost.excl_vat).toBe(`-${of.totals.total_cost.excl_vat}`);
  expect(credit.totals.total_energy).toBe(of.totals.total_energy);
}

describe('operator corrections of a rated session', () => {
  const spec = session(CORRECTED_TX, '2026-03-02');
  const sessionId = sessionIdOf(OP, STATION, spec.transactionId);
  let original: Rated;
  let meter: ReRated & { reRatingId: string };
  let tariffFix: ReRated & { reRatingId: string };
  const tariffBody = (expectedCdrId: string) => ({
    reason: 'TARIFF_ERROR',
    reference: 'dispute-4711',
    correction: { kind: 'TARIFF_VERSION', tariffId: TARIFF, version: 2 },
    expectedCdrId,
  });

  it('credits the rated CDR and re-rates on corrected meter data', async () => {
    const event = await rated(spec);
    original = SessionRatedV1.schema.parse(event.data);
    // All 10 kWh counted in the peak interval: 10 × 0.50.
    expect(original.billable.total).toEqual({
      excl_vat: '5.00',
      vat_amount: '1.05',
      incl_vat: '6.05',
    });
    const reply = await rating.call(
      'POST',
      path(sessionId),
      {
        reason: 'METER_ERROR',
        correction: {
          kind: 'METER_DATA',
          samples: [{ sampledAt: '2026-03-02T10:20:00.000Z', energyRegisterWh: '11000' }],
        },
      },
      { 'idempotency-key': 'meter-1' },
    );
    expect(reply.status).toBe(201);
    meter = reply.body as typeof meter;
    expectExactCredit(meter.credit, original);
    expect(meter.corrected).toMatchObject({
      cdrId: correctedCdrIdOf(sessionId, 1),
      tariff: { tariffId: TARIFF, version: 1 },
      billable: { total: { excl_vat: '3.00', vat_amount: '0.63', incl_vat: '3.63' } },
    });
    expect(meter.delta).toEqual({
      currency: 'EUR',
      excl_vat: '-2.00',
      vat_amount: '-0.42',
      incl_vat: '-2.42',
    });
    const [stored] = await rating.waitForStreamEvents('EVT_RATING', 1, reRatingsOf(sessionId));
    expect(stored).toMatchObject({ id: meter.reRatingId, subject: event.subject });
    const { reRatingId, ...data } = meter;
    expect(stored?.data).toEqual(data);
    expect(reRatingId).toBe(stored?.id);
  }, 60_000);

  it('builds a second correction on the first: a tariff version credits the corrected CDR', async () => {
    const reply = await rating.call('POST', path(sessionId), tariffBody(meter.corrected.cdrId), {
      'idempotency-key': 'tariff-1',
    });
    expect(reply.status).toBe(201);
    tariffFix = reply.body as typeof tariffFix;
    expect(tariffFix).toMatchObject({ reason: 'TARIFF_ERROR', reference: 'dispute-4711' });
    expectExactCredit(tariffFix.credit, meter.corrected);
    // 10 kWh × 0.333, the corrected samples kept.
    expect(tariffFix.corrected).toMatchObject({
      cdrId: correctedCdrIdOf(sessionId, 2),
      tariff: { tariffId: TARIFF, version: 2 },
      totals: { total_cost: { excl_vat: '3.33', incl_vat: '4.0293' } },
      billable: { total: { excl_vat: '3.33', vat_amount: '0.70', incl_vat: '4.03' } },
    });
    expect(tariffFix.delta).toEqual({
      currency: 'EUR',
      excl_vat: '0.33',
      vat_amount: '0.07',
      incl_vat: '0.40',
    });
    const all = [original, meter.credit, meter.corrected, tariffFix.credit, tariffFix.corrected];
    const billed = all.reduce((s, cdr) => s.plus(cdr.billable.total.excl_vat), new Decimal(0));
    expect(billed.toFixed(2)).toBe(tariffFix.corrected.billable.total.excl_vat);
  }, 60_000);

  it('answers a retry with the same Idempotency-Key with the same re-rating, once', async () => {
    const retry = await rating.call('POST', path(sessionId), tariffBody(meter.corrected.cdrId), {
      'idempotency-key': 'tariff-1',
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(tariffFix);
    const events = await rating.streamEvents('EVT_RATING', reRatingsOf(sessionId));
    expect(events.map((e) => e.id)).toEqual([meter.reRatingId, tariffFix.reRatingId]);
  }, 60_000);

  it('refuses a stale correction and one of two concurrent ones with 409', async () => {
    const stale = await rating.call('POST', path(sessionId), tariffBody(original.cdrId));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'RATING.RE_RATING_CONFLICT' });
    const current = tariffFix.corrected.cdrId;
    const replies = await Promise.all(
      ['race-a', 'race-b'].map((key) =>
        rating.call('POST', path(sessionId), tariffBody(current), { 'idempotency-key': key }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const events = await rating.streamEvents('EVT_RATING', reRatingsOf(sessionId));
    expect(events).toHaveLength(3);
    const third = SessionReRatedV1.schema.parse(events[2]?.data);
    expect(third.credit.creditReferenceId).toBe(current);
  }, 60_000);

  it('names each bad field, and answers 404 for a session without a rating', async () => {
    const outside = await rating.call('POST', path(sessionId), {
      reason: 'METER_ERROR',
      correction: {
        kind: 'METER_DATA',
        samples: [{ sampledAt: '2026-03-02T12:00:00.000Z', energyRegisterWh: '12000' }],
      },
    });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({
      code: 'RATING.INVALID_CORRECTION',
      errors: [
        { path: 'body.correction.samples[0].sampledAt' },
        { path: 'body.correction.samples[0].energyRegisterWh' },
      ],
    });
    for (const [correction, field] of [
      [{ kind: 'TARIFF_VERSION', tariffId: TARIFF, version: 9 }, 'body.correction.version'],
      [{ kind: 'TARIFF_VERSION', tariffId: 'T-USD', version: 1 }, 'body.correction.tariffId'],
    ] as const) {
      const reply = await rating.call('POST', path(sessionId), { reason: 'OTHER', correction });
      expect(reply.status).toBe(422);
      expect(reply.body).toMatchObject({ errors: [{ path: field }] });
    }
    const invalid = await rating.call('POST', path(sessionId), {
      reason: 'LATE_FACTS',
      correction: { kind: 'TARIFF_VERSION', tariffId: TARIFF, version: 0 },
    });
    expect(invalid.status).toBe(400);
    const prose = await rating.call('POST', path(sessionId), {
      ...tariffBody(tariffFix.corrected.cdrId),
      reference: 'J. Doe called about it',
    });
    expect(prose).toMatchObject({ status: 400, body: { errors: [{ path: 'body.reference' }] } });
    const unknown = await rating.call('POST', path('1b4e28ba-2fa1-41d2-883f-0016d3cca427'), {
      reason: 'OTHER',
      correction: { kind: 'TARIFF_VERSION', tariffId: TARIFF, version: 2 },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'RATING.SESSION_NOT_FOUND' });
    const otherOperator = await rating.call(
      'POST',
      `/v1/operators/op-other/sessions/${sessionId}/re-ratings`,
      { reason: 'OTHER', correction: { kind: 'TARIFF_VERSION', tariffId: TARIFF, version: 2 } },
    );
    expect(otherOperator.status).toBe(404);
  }, 60_000);

  it("ends a re-rated session's live feed with the CDR in effect", async () => {
    const response = await fetch(
      `${rating.service.url}/v1/operators/${OP}/sessions/${sessionId}/cost`,
      {
        headers: { authorization: await rating.bearer(OP, 'operator') },
        signal: AbortSignal.timeout(10_000),
      },
    );
    const body = await response.text();
    expect(body.match(/^event: .*$/gm)).toEqual(['event: rated']);
    const data = SessionRatedV1.schema.parse(JSON.parse(body.match(/^data: (.*)$/m)?.[1] ?? ''));
    expect(data.cdrId).toBe(correctedCdrIdOf(sessionId, 3));
  });

  it('documents the operation in the OpenAPI document', async () => {
    const { body } = await rating.call('GET', '/openapi.json');
    const operation = z
      .object({
        paths: z.record(
          z.string(),
          z.record(
            z.string(),
            z.object({ operationId: z.string(), requestBody: z.unknown().optional() }),
          ),
        ),
      })
      .parse(body).paths['/v1/operators/{operatorId}/sessions/{sessionId}/re-ratings']?.['post'];
    expect(operation).toMatchObject({ operationId: 'reRateSession' });
    expect(operation?.requestBody).toBeDefined();
  });
});

describe('facts recorded after a rating', () => {
  const spec = session(transactionInSamePartition('tx-late'), '2026-03-03');
  const sessionId = sessionIdOf(OP, STATION, spec.transactionId);

  const lateMeterValue = (
    index: number,
    recordedAt: string,
    sampledAt: string,
    wh: string,
    ofSession = sessionId,
  ) =>
    createEnvelope(MeterValuesRecordedV1, {
      id: derivedEventId(ofSession, 'LateMeterValues', index),
      subject: rating.subjects.event({
        context: 'ingestion',
        operatorId: OP,
        aggregate: 'session',
        id: ofSession,
      }),
      operatorId: OP,
      time: recordedAt,
      correlationId: ofSession,
      data: { sessionId: ofSession, samples: [{ sampledAt, energyRegisterWh: wh }] },
    });

  it('re-rates within the window, once however often the fact is delivered', async () => {
    const event = await rated(spec);
    const original = SessionRatedV1.schema.parse(event.data);
    const late = lateMeterValue(0, '2026-03-03T11:10:00.000Z', '2026-03-03T10:10:00.000Z', '9000');
    await rating.append([late]);
    await rating.append([late], `${late.id}-copy`);
    const [reRated] = await rating.waitForStreamEvents('EVT_RATING', 1, reRatingsOf(sessionId));
    expect(reRated).toMatchObject({
      type: SessionReRatedV1.type,
      id: derivedEventId(late.id, SessionReRatedV1.type, 0),
      causationid: late.id,
      subject: event.subject,
    });
    const data = SessionReRatedV1.schema.parse(reRated?.data);
    expect(data).toMatchObject({
      reason: 'LATE_FACTS',
      correction: { kind: 'LATE_FACTS', factEventId: late.id },
    });
    expectExactCredit(data.credit, original);
    // 8 kWh off-peak by 10:10, the last 2 kWh in the interval reaching the peak.
    expect(data.corrected.billable.total).toEqual({
      excl_vat: '3.40',
      vat_amount: '0.71',
      incl_vat: '4.11',
    });
    expect(data.delta.excl_vat).toBe('-1.60');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await rating.streamEvents('EVT_RATING', reRatingsOf(sessionId))).toHaveLength(1);
  }, 60_000);

  it('declines a fact recorded after the window, visibly', async () => {
    const late = lateMeterValue(1, '2026-03-05T11:00:00.000Z', '2026-03-03T10:30:00.000Z', '10000');
    await rating.append([late]);
    const events = await rating.waitForStreamEvents('EVT_RATING', 2, reRatingsOf(sessionId));
    expect(events[1]).toMatchObject({
      type: SessionReRatingDeclinedV1.type,
      id: derivedEventId(late.id, SessionReRatingDeclinedV1.type, 0),
      data: {
        sessionId,
        factEventId: late.id,
        code: 'RATING.RE_RATING_WINDOW_CLOSED',
        cdrId: correctedCdrIdOf(sessionId, 1),
      },
    });
  }, 60_000);

  it('declines a late fact of a session refused a rating, and its feed ends refused', async () => {
    await rating.stationWithTariff(OP, 'CP-R2', '2026-03-01T00:00:00.000Z');
    const refused = session(transactionInSamePartition('tx-none', 'CP-R2'), '2026-03-04', 'CP-R2');
    const refusedId = sessionIdOf(OP, 'CP-R2', refused.transactionId);
    await rating.append(sessionEvents(rating.suite.namespace, refused));
    const late = lateMeterValue(
      0,
      '2026-03-04T11:05:00.000Z',
      '2026-03-04T10:20:00.000Z',
      '6000',
      refusedId,
    );
    await rating.append([late]);
    const events = await rating.waitForStreamEvents(
      'EVT_RATING',
      2,
      (e) =>
        [SessionRatingRefusedV1.type, SessionReRatingDeclinedV1.type].includes(e.type) &&
        sessionOf(e) === refusedId,
    );
    expect(events.map((e) => e.type)).toEqual([
      SessionRatingRefusedV1.type,
      SessionReRatingDeclinedV1.type,
    ]);
    expect(events[1]?.data).toMatchObject({
      code: 'RATING.SESSION_NOT_RATED',
      factEventId: late.id,
    });
    const feed = await fetch(
      `${rating.service.url}/v1/operators/${OP}/sessions/${refusedId}/cost`,
      {
        headers: { authorization: await rating.bearer(OP, 'operator') },
        signal: AbortSignal.timeout(10_000),
      },
    );
    const body = await feed.text();
    expect(body.match(/^event: .*$/gm)).toEqual(['event: refused']);
    expect(body).toContain('RATING.NO_TARIFF_ASSIGNED');
  }, 60_000);
});

it("rebuilds rating's views byte-identical after corrections and late facts", async () => {
  const facts = new SessionFactsProjection(
    `rating-sessions-${partitionToken(CORRECTED_PARTITION)}`,
  );
  // Per session: start, meter values, charging state, end; three late meter values.
  expect(await rebuiltViewMatches(rating, facts)).toEqual({ rating_session_facts_v1: [15, 15] });
  expect(await rebuiltViewMatches(rating, new TariffVersionsProjection())).toEqual({
    rating_tariff_versions_v1: [3, 3],
  });
  expect(await rebuiltViewMatches(rating, new RatingRegistryProjection())).toMatchObject({
    rating_stations_v1: [2, 2],
    rating_tariff_assignments_v1: [1, 1],
    rating_rounding_settings_v1: [0, 0],
  });
}, 60_000);
