// Property: parseEnvelope agrees with envelopeSchema on valid and mutated envelopes. Its
// hand-written check may accept only what zod accepts, with the same output (keys, key
// order, values); everything else must reach zod. Valid envelopes must not reach zod, or
// the check saves nothing. Reproduce a failure with FC_SEED=<seed printed below>.
import fc from 'fast-check';
import { envelopeSchema } from './envelope';
import { parseEnvelope } from './parse-envelope';

const uuid = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
);
const time = fc
  .tuple(
    fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('ms', 'seconds', 'nanos'),
  )
  .map(([date, precision]) => {
    const iso = date.toISOString();
    if (precision === 'seconds') return `${iso.slice(0, 19)}Z`;
    return precision === 'nanos' ? `${iso.slice(0, 23)}123456Z` : iso;
  });
const hex = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'0123456789abcdef'.split('')),
    minLength: length,
    maxLength: length,
  });
const traceparent = fc.tuple(hex(2), hex(32), hex(16), hex(2)).map((parts) => parts.join('-'));
const eventType = fc.oneof(
  fc.constantFrom(
    'chargeledger.ingestion.SessionStarted.v1',
    'chargeledger.rating.SessionRated.v1',
    'chargeledger.registry.OperatorCreated.v12',
  ),
  fc.stringMatching(/^chargeledger\.[a-z]{1,8}\.[A-Z][A-Za-z0-9]{0,8}\.v[1-9][0-9]{0,2}$/),
);
const text = fc.string({ minLength: 1, maxLength: 12 });

const validEnvelope = fc.record(
  {
    specversion: fc.constant('1.0'),
    id: uuid,
    source: text,
    type: eventType,
    subject: text,
    time,
    datacontenttype: fc.constant('application/json'),
    data: fc.jsonValue({ maxDepth: 2 }),
    operatorid: text,
    correlationid: uuid,
    causationid: uuid,
    traceparent,
  },
  {
    // As JSON.parse builds them; a mutation below tries null-prototype objects.
    noNullPrototype: true,
    requiredKeys: [
      'specversion',
      'id',
      'source',
      'type',
      'subject',
      'time',
      'datacontenttype',
      'data',
      'operatorid',
      'correlationid',
    ],
  },
);

/** Field values that break one rule each, or happen to keep to it. */
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 1 }),
  fc.constantFrom(undefined, '', ' ', '1.0 ', 'Application/JSON', '2026-02-30T00:00:00Z'),
  fc.constantFrom('2026-01-01T00:00:00+01:00', '2026-01-01 00:00:00Z', 'chargeledger.x.Y.v0'),
  fc.constantFrom('0190c3d2-7b1a-7c4e-9f00-00000000000', '0190c3d2-7b1a-0c4e-9f00-000000000001'),
  uuid,
  time,
  traceparent.map((t) => t.toUpperCase()),
  text,
);
type Envelope = Record<string, unknown>;
const mutation: fc.Arbitrary<(envelope: Envelope) => unknown> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...Object.keys(envelopeSchema.shape)), replacement)
    .map(([key, value]) => (e: Envelope) => ({ ...e, [key]: value })),
  fc
    .constantFrom(...Object.keys(envelopeSchema.shape))
    .map(
      (key) => (e: Envelope) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)),
    ),
  fc.tuple(fc.oneof(fc.string(), fc.constant('__proto__')), fc.jsonValue({ maxDepth: 0 })).map(
    ([key, value]) =>
      (e: Envelope) =>
        JSON.parse(JSON.stringify({ ...e, [key]: value })) as unknown,
  ),
  fc.constantFrom(
    (e: Envelope) => [e],
    (e: Envelope) => Object.assign(Object.create(null) as Envelope, e),
    (e: Envelope) => Object.assign(Object.create({ causationid: e['id'] }) as Envelope, e),
    (e: Envelope) => JSON.stringify(e),
    () => null,
  ),
);

function expectAgreement(input: unknown, mustBeFast: boolean): void {
  const reference = envelopeSchema.safeParse(input);
  const zod = jest.spyOn(envelopeSchema, 'safeParse');
  try {
    const parsed = parseEnvelope(input);
    if (mustBeFast) expect(zod).not.toHaveBeenCalled();
    expect(parsed.success).toBe(reference.success);
    if (parsed.success && reference.success) {
      expect(parsed.data).toStrictEqual(reference.data);
      expect(Object.keys(parsed.data)).toEqual(Object.keys(reference.data));
      expect(parsed.data.data).toBe(reference.data.data);
    }
  } finally {
    zod.mockRestore();
  }
}

function withSeed(name: string, run: (seed: number) => void): void {
  const seed =
    process.env['FC_SEED'] === undefined
      ? Date.now() % 2_147_483_647
      : Number(process.env['FC_SEED']);
  try {
    run(seed);
  } catch (error) {
    console.error(`${name} failed; reproduce with FC_SEED=${seed}`);
    throw error;
  }
}

describe('parseEnvelope', () => {
  it('accepts valid envelopes without zod, with zod’s output', () => {
    withSeed('valid envelopes', (seed) =>
      fc.assert(
        fc.property(validEnvelope, fc.boolean(), (envelope, viaJson) => {
          const input: unknown = viaJson ? JSON.parse(JSON.stringify(envelope)) : envelope;
          expectAgreement(input, true);
        }),
        { seed, numRuns: 500 },
      ),
    );
  });

  it('agrees with zod on mutated envelopes', () => {
    withSeed('mutated envelopes', (seed) =>
      fc.assert(
        fc.property(
          validEnvelope,
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          (envelope, changes) => {
            const mutated = changes.reduce<unknown>(
              (value, change) =>
                typeof value === 'object' && value !== null && !Array.isArray(value)
                  ? change(value as Envelope)
                  : value,
              envelope,
            );
            expectAgreement(mutated, false);
          },
        ),
        { seed, numRuns: 2_000 },
      ),
    );
  });

  it('rejects through zod, with its messages', () => {
    const parsed = parseEnvelope({ specversion: '0.3' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.path[0])).toContain('specversion');
  });
});
