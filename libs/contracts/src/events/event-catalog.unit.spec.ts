import { z } from 'zod';
import { defineEvent, defineUpcaster } from './event-definition';
import { EventCatalog, EventDecodeError } from './event-catalog';
import { eventCatalog, SessionStartedV1 } from '../index';

// Two versions of a test-only event: v2 split `amount` into amount + currency.
const PriceSetV1 = defineEvent({
  context: 'rating',
  name: 'PriceSet',
  version: 1,
  aggregate: 'tariff',
  schema: z.strictObject({ amount: z.string() }),
});
const PriceSetV2 = defineEvent({
  context: 'rating',
  name: 'PriceSet',
  version: 2,
  aggregate: 'tariff',
  schema: z.strictObject({ amount: z.string(), currency: z.string().length(3) }),
});
const catalog = new EventCatalog(
  [PriceSetV1, PriceSetV2],
  [defineUpcaster(PriceSetV1, PriceSetV2, (v1) => ({ amount: v1.amount, currency: 'EUR' }))],
);

const envelope = (type: string, data: unknown) => ({
  specversion: '1.0',
  id: '0190c3d2-7b1a-7c4e-9f00-000000000001',
  source: 'chargeledger/rating',
  type,
  subject: 'evt.rating.acme.tariff.p01.t1',
  time: '2026-03-29T00:30:00.000Z',
  datacontenttype: 'application/json',
  data,
  operatorid: 'acme',
  correlationid: '0190c3d2-7b1a-7c4e-9f00-000000000001',
});

function decodeError(body: string): EventDecodeError {
  try {
    catalog.decode(body);
  } catch (error) {
    if (error instanceof EventDecodeError) return error;
  }
  throw new Error('expected an EventDecodeError');
}

describe('EventCatalog', () => {
  it('upcasts an old version to the latest shape', () => {
    const decoded = catalog.decode(JSON.stringify(envelope(PriceSetV1.type, { amount: '0.35' })));
    expect(decoded.type).toBe('chargeledger.rating.PriceSet.v2');
    expect(decoded.data).toEqual({ amount: '0.35', currency: 'EUR' });
  });

  it('passes the latest version through unchanged', () => {
    const decoded = catalog.decodeValue(
      envelope(PriceSetV2.type, { amount: '1', currency: 'DKK' }),
    );
    expect(decoded.data).toEqual({ amount: '1', currency: 'DKK' });
  });

  it.each([
    ['{not json', 'EVENT.MALFORMED_JSON'],
    [
      JSON.stringify({ ...envelope(PriceSetV2.type, {}), specversion: '0.3' }),
      'EVENT.INVALID_ENVELOPE',
    ],
    [
      JSON.stringify({ ...envelope(PriceSetV2.type, {}), operatorid: undefined }),
      'EVENT.INVALID_ENVELOPE',
    ],
    [JSON.stringify({ ...envelope(PriceSetV2.type, {}), extra: 1 }), 'EVENT.INVALID_ENVELOPE'],
    [JSON.stringify(envelope('chargeledger.rating.Unknown.v1', {})), 'EVENT.UNKNOWN_TYPE'],
    [JSON.stringify(envelope(PriceSetV1.type, { amount: 35 })), 'EVENT.INVALID_DATA'],
    [
      JSON.stringify(envelope(PriceSetV2.type, { amount: '1', currency: 'EURO' })),
      'EVENT.INVALID_DATA',
    ],
  ])('rejects %s with %s', (body, code) => {
    expect(decodeError(body).code).toBe(code);
  });

  it('refuses upcasters that skip versions or miss definitions', () => {
    const PriceSetV3 = defineEvent({ ...PriceSetV1, version: 3 });
    expect(() => defineUpcaster(PriceSetV1, PriceSetV3, (v) => v)).toThrow(RangeError);
    expect(
      () =>
        new EventCatalog(
          [PriceSetV1],
          [defineUpcaster(PriceSetV1, PriceSetV2, (v) => ({ ...v, currency: 'EUR' }))],
        ),
    ).toThrow(RangeError);
    expect(() => new EventCatalog([PriceSetV1, PriceSetV1])).toThrow(/duplicate/);
  });

  it('knows every published chargeledger event type', () => {
    expect(eventCatalog.definitionOf('chargeledger.ingestion.SessionStarted.v1')).toBe(
      SessionStartedV1,
    );
  });
});
