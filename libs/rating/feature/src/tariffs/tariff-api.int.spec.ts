import { startRating, type RatingFixture } from '../testing/rating.fixture';

const OP = 'op-tariffs';
const base = `/v1/operators/${OP}/tariffs`;
const ocpi = (id: string, price = '0.30') => ({
  id,
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price, vat: 21, step_size: 1 }] }],
});

let rating: RatingFixture;

beforeAll(async () => {
  rating = await startRating();
}, 60_000);

afterAll(async () => {
  await rating.cleanup();
});

describe('tariff API', () => {
  it('publishes versions, answers an idempotent retry with the same tariff, and reads them back', async () => {
    const key = { 'idempotency-key': 'first-version' };
    const first = await rating.call('POST', `${base}/T-1/versions`, { tariff: ocpi('T-1') }, key);
    expect(first.status).toBe(201);
    const retry = await rating.call('POST', `${base}/T-1/versions`, { tariff: ocpi('T-1') }, key);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const validFrom = new Date(Date.now() + 3_600_000).toISOString();
    const second = await rating.call('POST', `${base}/T-1/versions`, {
      tariff: ocpi('T-1', '0.40'),
      validFrom,
      validTo: null,
      expectedVersion: 1,
    });
    expect(second.status).toBe(201);
    const read = await rating.call('GET', `${base}/T-1`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      tariffId: 'T-1',
      currency: 'EUR',
      versions: [
        { version: 1, validTo: null, tariff: ocpi('T-1') },
        { version: 2, validFrom, validTo: null, tariff: ocpi('T-1', '0.40') },
      ],
    });
    const rows = await rating.query(
      'SELECT version, stream_sequence FROM rating_tariff_versions_v1',
    );
    expect(rows).toHaveLength(2);
  }, 30_000);

  it('answers an invalid OCPI tariff with one error per bad field', async () => {
    const bad = { ...ocpi('T-2'), currency: 'euro', elements: [{ price_components: [] }] };
    const reply = await rating.call('POST', `${base}/T-2/versions`, { tariff: bad });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      code: 'RATING.INVALID_TARIFF',
      errors: [
        { path: 'body.tariff.currency', message: expect.stringMatching(/ISO 4217/) as unknown },
        {
          path: 'body.tariff.elements[0].price_components',
          message: expect.any(String) as unknown,
        },
      ],
    });
    expect((await rating.call('GET', `${base}/T-2`)).status).toBe(404);
  });

  it.each([
    ['RATING.TARIFF_RETROACTIVE', { tariff: ocpi('T-3'), validFrom: '2020-01-01T00:00:00Z' }],
    ['RATING.TARIFF_ID_MISMATCH', { tariff: ocpi('OTHER') }],
    ['RATING.TARIFF_VERSION_CONFLICT', { tariff: ocpi('T-3'), expectedVersion: 4 }],
  ])('refuses %s with 409 and publishes nothing', async (code, body) => {
    const reply = await rating.call('POST', `${base}/T-3/versions`, body);
    expect(reply).toMatchObject({ status: 409, body: { code } });
    expect((await rating.call('GET', `${base}/T-3`)).status).toBe(404);
  });

  it('answers a malformed request body as a request problem', async () => {
    const reply = await rating.call('POST', `${base}/T-4/versions`, {
      tariff: ocpi('T-4'),
      extra: 1,
    });
    expect(reply).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID' } });
  });

  it('previews a draft on a sample session without publishing it', async () => {
    const reply = await rating.call('POST', `${base}/T-5/preview`, {
      tariff: ocpi('T-5'),
      timeZone: 'Europe/Amsterdam',
      roundingMode: 'DOWN',
      session: {
        startedAt: '2026-05-04T10:00:00Z',
        endedAt: '2026-05-04T11:00:00Z',
        readings: [
          { at: '2026-05-04T10:00:00Z', energyWh: '1000' },
          { at: '2026-05-04T11:00:00Z', energyWh: '2111' },
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      cdr: {
        total_energy: '1.111',
        total_cost: { excl_vat: '0.3333', incl_vat: '0.403293' },
        lines: [expect.objectContaining({ explanation: expect.any(String) as unknown }) as unknown],
      },
      billable: { rounding_mode: 'DOWN', total: { excl_vat: '0.33', incl_vat: '0.39' } },
    });
    expect((await rating.call('GET', `${base}/T-5`)).status).toBe(404);
  });

  it('answers an unratable sample session field by field', async () => {
    const reply = await rating.call('POST', `${base}/T-6/preview`, {
      tariff: ocpi('T-6'),
      timeZone: 'Europe/Amsterdam',
      session: {
        startedAt: '2026-05-04T10:00:00Z',
        endedAt: '2026-05-04T11:00:00Z',
        readings: [{ at: '2026-05-04T10:30:00Z', energyWh: '1000' }],
      },
    });
    expect(reply).toMatchObject({
      status: 422,
      body: { code: 'RATING.INVALID_SESSION', errors: [{ path: 'body.facts.readings' }] },
    });
  });
});
