import fc from 'fast-check';
import { readCommonTransactionEvent } from './transaction-event.fast-read';
import { sampledValueSchema, transactionEventSchema } from './transaction-event.schema';

const event = transactionEventSchema.shape;
const info = event.transactionInfo.shape;
const sampled = sampledValueSchema.shape;
const SEED =
  process.env['FC_SEED'] === undefined
    ? Date.now() % 2_147_483_647
    : Number(process.env['FC_SEED']);

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const dateTime = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    fc.constantFrom('Z', 'Z', '+01:00', '-05:30', '+14:00', '+24:00'),
    fc.constantFrom('', '.1', '.123', '.123456'),
  )
  .map(([date, offset, fraction]) => `${date.toISOString().slice(0, 19)}${fraction}${offset}`);
// mostly valid counts, sometimes just outside a bound
const int = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 9 }), weight: 20 },
  fc.integer({ min: -12, max: 12 }),
  fc.integer(),
  fc.constantFrom(0, -0, 2 ** 53, 1.5),
);
const text = (maxLength: number) => fc.string({ maxLength });

const unitOfMeasure = fc.record({ unit: text(22), multiplier: int }, { requiredKeys: [] });
const sampledValue = fc.record(
  {
    value: fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
    context: fc.constantFrom(...sampled.context.unwrap().options),
    measurand: fc.constantFrom(...sampled.measurand.unwrap().options),
    phase: fc.constantFrom(...sampled.phase.unwrap().options),
    location: fc.constantFrom(...sampled.location.unwrap().options),
    unitOfMeasure,
  },
  { requiredKeys: ['value'] },
);
const meterValue = fc.record({
  timestamp: dateTime,
  sampledValue: fc.array(sampledValue, { minLength: 1, maxLength: 8 }),
});
/** Payloads in the common shape; valid unless a bound or an int range says otherwise. */
const common = fc.record(
  {
    eventType: fc.constantFrom(...event.eventType.options),
    timestamp: dateTime,
    triggerReason: fc.constantFrom(...event.triggerReason.options),
    seqNo: int,
    offline: fc.boolean(),
    numberOfPhasesUsed: int,
    cableMaxCurrent: int,
    reservationId: int,
    transactionInfo: fc.record(
      {
        transactionId: text(38),
        chargingState: fc.constantFrom(...info.chargingState.unwrap().options),
        timeSpentCharging: int,
        stoppedReason: fc.constantFrom(...info.stoppedReason.unwrap().options),
        remoteStartId: int,
      },
      { requiredKeys: ['transactionId'] },
    ),
    evse: fc.record({ id: int, connectorId: optional(int) }, { requiredKeys: ['id'] }),
    idToken: fc.record({
      idToken: text(38),
      type: fc.constantFrom(...event.idToken.unwrap().shape.type.options),
    }),
    meterValue: fc.array(meterValue, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['eventType', 'timestamp', 'triggerReason', 'seqNo', 'transactionInfo'] },
);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Every container (object or array) in the payload, the payload first. */
function containers(value: unknown): Json[] {
  if (!isObject(value)) return [];
  return [value, ...Object.values(value).flatMap(containers)];
}

/** One change at a chosen place: a field removed, replaced, or one added. */
const mutated = fc
  .tuple(
    common,
    fc.nat(),
    fc.constantFrom('remove', 'replace', 'add'),
    fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('', 'Started', 'Wh', '2026-03-01T10:00:00Z', -1, 0, 1.5, null, {}, []),
    ),
    fc.constantFrom('customData', 'signedMeterValue', 'additionalInfo', 'unit', 'x', '__proto__'),
  )
  .map(([payload, at, change, value, key]) => {
    const copy: unknown = JSON.parse(JSON.stringify(payload));
    const places = containers(copy);
    const place = places[at % places.length];
    if (place === undefined) return copy;
    const keys = Object.keys(place);
    const chosen = keys[at % Math.max(keys.length, 1)];
    // an own property even for "__proto__", as JSON.parse makes it
    const own = { value, enumerable: true, writable: true, configurable: true };
    if (change === 'add') Object.defineProperty(place, key, own);
    if (change === 'add' || chosen === undefined) return copy;
    if (change === 'remove') Reflect.deleteProperty(place, chosen);
    else place[chosen] = value;
    return copy;
  });

function expectSameAnswer(payload: unknown): boolean {
  const fast = readCommonTransactionEvent(payload);
  if (fast === undefined) return true;
  const parsed = transactionEventSchema.safeParse(payload);
  expect(parsed.success).toBe(true);
  // same values, defaults and key order: equal JSON text
  expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
  expect(fast).toStrictEqual(parsed.data);
  return true;
}

describe('TransactionEvent fast reader', () => {
  const check = (property: fc.IProperty<[unknown]>) => {
    try {
      fc.assert(property, { seed: SEED, numRuns: 3_000 });
    } catch (error) {
      console.error(`fast-read property failed; reproduce with FC_SEED=${SEED}`);
      throw error;
    }
  };

  it('given payloads in the common shape, then it reads exactly what the schema reads, or declines', () => {
    let read = 0;
    check(
      fc.property(
        common.map((payload): unknown => JSON.parse(JSON.stringify(payload))),
        (payload) => {
          if (readCommonTransactionEvent(payload) !== undefined) read += 1;
          return expectSameAnswer(payload);
        },
      ),
    );
    // the generator stays mostly inside the bounds, so the fast path is what is tested
    expect(read).toBeGreaterThan(100);
  });

  it('given mutated payloads, then it never accepts what the schema refuses nor reads it differently', () => {
    check(fc.property(mutated, expectSameAnswer));
  });

  it('given the payload a gateway sends every minute, then it reads it without the schema', () => {
    const payload = {
      eventType: 'Updated',
      timestamp: '2026-03-01T10:01:00.000Z',
      triggerReason: 'MeterValuePeriodic',
      seqNo: 1,
      transactionInfo: { transactionId: 'tx-1', chargingState: 'Charging', timeSpentCharging: 60 },
      meterValue: [
        {
          timestamp: '2026-03-01T10:01:00.000Z',
          sampledValue: [
            { value: 1234, context: 'Sample.Periodic', unitOfMeasure: { unit: 'Wh' } },
            { value: 16, measurand: 'Current.Import', phase: 'L1', unitOfMeasure: { unit: 'A' } },
          ],
        },
      ],
    };
    expect(readCommonTransactionEvent(payload)).toStrictEqual(
      transactionEventSchema.parse(payload),
    );
  });
});
