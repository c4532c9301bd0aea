import { eventCatalog } from '../catalog';
import { envelopeOf } from '../envelope-of.testing';
import { TariffVersionPublishedV1 } from './tariff-version-published.v1';
import { TariffVersionPublishedV2 } from './tariff-version-published.v2';

const SUBJECT = 'evt.rating.op.tariff.p01.ac-1';

const version = {
  tariffId: 'AC-1',
  version: 1,
  currency: 'EUR',
  validFrom: '2026-05-01T00:00:00.000Z',
  validTo: null,
  tariff: { id: 'AC-1', currency: 'EUR', elements: [] },
};

describe('TariffVersionPublished v2', () => {
  it('reads a v1 event as a v2 without rating options', () => {
    const decoded = eventCatalog.decodeValue(
      envelopeOf(TariffVersionPublishedV1, SUBJECT, version),
    );
    expect(decoded.type).toBe(TariffVersionPublishedV2.type);
    expect(decoded.data).toEqual(version);
  });

  it('carries an overstay fee, and refuses a malformed one', () => {
    const overstay = { graceS: 600, pricePerHour: '6.00', vat: '20', stepS: 60 };
    const decoded = eventCatalog.decodeValue(
      envelopeOf(TariffVersionPublishedV2, SUBJECT, { ...version, ratingOptions: { overstay } }),
    );
    expect(decoded.data).toEqual({ ...version, ratingOptions: { overstay } });
    for (const bad of [
      { ...overstay, pricePerHour: '-6' },
      { ...overstay, stepS: -1 },
      { ...overstay, extra: 1 },
    ])
      expect(
        TariffVersionPublishedV2.schema.safeParse({ ...version, ratingOptions: { overstay: bad } })
          .success,
      ).toBe(false);
  });
});
