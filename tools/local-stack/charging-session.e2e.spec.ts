/**
 * One charging session across the running platform, as operators and gateways drive it:
 * the operator registers a site and a station, publishes a tariff and assigns it; the
 * station's gateway posts its transaction over HTTP; the rated bill appears in EVT_RATING.
 * Three real service processes (registry, ingestion, rating) started by the README's
 * start command, on the machine's NATS and Postgres in the suite's own namespace.
 */
import Decimal from 'decimal.js';
import { connect } from 'nats';
import { z } from 'zod';
import { sessionIdOf, type EventEnvelope } from '@chargeledger/contracts';
import { LOCAL_DEV_AUTH_JWT_SECRET } from '@chargeledger/platform/local-stack';
import { mintApiToken, type ApiRole } from '@chargeledger/platform/http';
import { startIsolatedSuite, streamContents, type IsolatedSuite } from '@chargeledger/testing';
import { startPlatformProcess, waitForOutput, type PlatformProcess } from './platform-process';

// Below the kernel's ephemeral ports (32768 up): no outgoing connection can be holding it.
const PORT_BASE = 23_400;
const REGISTRY = `http://127.0.0.1:${PORT_BASE}`;
const INGESTION = `http://127.0.0.1:${PORT_BASE + 1}`;
const RATING = `http://127.0.0.1:${PORT_BASE + 2}`;
const OPERATOR = 'acme-e2e';
const STATION = 'CP-E2E-1';

const tariff = {
  country_code: 'NL',
  party_id: 'CLX',
  id: 'e2e-flat',
  currency: 'EUR',
  type: 'REGULAR',
  elements: [
    {
      price_components: [
        { type: 'FLAT', price: '0.50', vat: 21, step_size: 1 },
        { type: 'ENERGY', price: '0.30', vat: 21, step_size: 1 },
      ],
    },
  ],
  last_updated: '2024-01-01T00:00:00Z',
};

async function call(method: string, url: string, body: unknown, role: ApiRole = 'operator') {
  const token = await mintApiToken({
    secret: LOCAL_DEV_AUTH_JWT_SECRET,
    operatorId: OPERATOR,
    role,
    subject: `${role}-e2e`,
    audience: 'chargeledger',
    issuedAtS: Math.floor(Date.now() / 1000),
    ttlSeconds: 600,
  });
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function transactionEvent(eventType: 'Started' | 'Ended', seqNo: number, at: Date, wh: number) {
  const timestamp = at.toISOString();
  return {
    eventType,
    timestamp,
    triggerReason: eventType === 'Started' ? 'Authorized' : 'EVDeparted',
    seqNo,
    transactionInfo: {
      transactionId: 'tx-e2e-1',
      ...(eventType === 'Ended' ? { stoppedReason: 'EVDisconnected' } : {}),
    },
    ...(eventType === 'Started' ? { evse: { id: 1, connectorId: 1 } } : {}),
    meterValue: [{ timestamp, sampledValue: [{ value: wh, unitOfMeasure: { unit: 'Wh' } }] }],
  };
}

/** The session's final rating (SessionRated or SessionRatingRefused), not its running cost. */
async function ratingOf(suite: IsolatedSuite, sessionId: string): Promise<EventEnvelope> {
  const connection = await connect({ servers: suite.natsUrl });
  try {
    const jsm = await connection.jetstreamManager();
    const stream = `${suite.namespace.streamPrefix}EVT_RATING`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const rating = (await streamContents(jsm, stream))
        .map((message) => message.json<EventEnvelope>())
        .find(
          (envelope) =>
            /\.SessionRat(ed|ingRefused)\.v1$/.test(envelope.type) &&
            envelope.subject.endsWith(sessionId),
        );
      if (rating !== undefined) return rating;
      if (Date.now() > deadline) throw new Error(`no rating of session ${sessionId}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await connection.close();
  }
}

describe('a charging session across the running platform', () => {
  let suite: IsolatedSuite;
  let platform: PlatformProcess;

  beforeAll(async () => {
    suite = await startIsolatedSuite();
    platform = startPlatformProcess({
      NATS_URL: suite.natsUrl,
      DATABASE_URL: suite.databaseUrl,
      PLATFORM_PORT_BASE: String(PORT_BASE),
      EVENT_NAMESPACE: suite.label,
      DB_SCHEMA_PREFIX: suite.schemaPrefix,
    });
    await waitForOutput(platform, 'chargeledger is up', 150_000);
  });
  afterAll(async () => {
    platform.child.kill('SIGTERM');
    await platform.exited;
    await suite.cleanup();
  });

  it('is registered, priced, metered and billed: the bill is the sum of its rounded lines', async () => {
    const operatorApi = `${REGISTRY}/v1/operators/${OPERATOR}`;
    const site = {
      siteId: 'site-e2e',
      name: 'Depot',
      countryCode: 'NL',
      timeZone: 'Europe/Amsterdam',
    };
    expect((await call('POST', `${operatorApi}/sites`, site)).status).toBe(201);
    const station = {
      stationId: STATION,
      siteId: 'site-e2e',
      ocppVersion: '2.0.1',
      timeZone: 'Europe/Amsterdam',
      evses: [
        { evseId: 1, connectors: [{ connectorId: 1, powerType: 'AC_3_PHASE', maxPowerW: 22_000 }] },
      ],
      credentialsRef: 'station-cp-e2e-1',
    };
    expect((await call('POST', `${operatorApi}/stations`, station)).status).toBe(201);
    const published = await call(
      'POST',
      `${RATING}/v1/operators/${OPERATOR}/tariffs/e2e-flat/versions`,
      { tariff },
    );
    expect(published.status).toBe(201);
    const assigned = await call('PUT', `${operatorApi}/stations/${STATION}/tariff`, {
      tariffId: 'e2e-flat',
    });
    expect(assigned.status).toBe(200);

    // the session starts after the assignment: a tariff applies from when it is assigned
    const startedAt = new Date(Date.now() + 1_000);
    const endedAt = new Date(startedAt.getTime() + 60_000);
    const posted = await call(
      'POST',
      `${INGESTION}/v1/operators/${OPERATOR}/stations/${STATION}/events`,
      {
        events: [
          { messageId: 'e2e-1', payload: transactionEvent('Started', 0, startedAt, 1_000) },
          { messageId: 'e2e-2', payload: transactionEvent('Ended', 1, endedAt, 1_300) },
        ],
      },
      'gateway',
    );
    expect(posted.status).toBe(200);

    const rating = await ratingOf(suite, sessionIdOf(OPERATOR, STATION, 'tx-e2e-1'));
    expect(rating.type).toBe('chargeledger.rating.SessionRated.v1');
    const rated = z
      .object({
        totals: z.object({ total_cost: z.object({ excl_vat: z.string(), incl_vat: z.string() }) }),
        billable: z.object({
          lines: z.array(z.object({ excl_vat: z.string(), incl_vat: z.string() })),
          total: z.object({ excl_vat: z.string(), incl_vat: z.string() }),
        }),
      })
      .parse(rating.data);
    // 0.50 flat + 0.3 kWh at 0.30 = 0.59 excl. VAT, 0.7139 incl. 21% VAT, exactly
    expect(rated.totals.total_cost).toEqual({ excl_vat: '0.59', incl_vat: '0.7139' });
    // rounded once per line: 0.50 -> 0.61 and 0.09 -> 0.11 incl. VAT
    expect(rated.billable.total).toMatchObject({ excl_vat: '0.59', incl_vat: '0.72' });
    const lineSum = rated.billable.lines.reduce(
      (sum, line) => sum.plus(line.incl_vat),
      new Decimal(0),
    );
    expect(lineSum.equals(rated.billable.total.incl_vat)).toBe(true);
  });
});
