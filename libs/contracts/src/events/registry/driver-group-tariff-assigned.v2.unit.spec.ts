import { eventCatalog } from '../catalog';
import { envelopeOf } from '../envelope-of.testing';
import { DriverGroupTariffAssignedV1 } from './driver-group-tariff-assigned.v1';
import { DriverGroupTariffAssignedV2 } from './driver-group-tariff-assigned.v2';

const SUBJECT = 'evt.registry.op.driver-group.p01.fleet';

describe('DriverGroupTariffAssigned v2', () => {
  it('reads a v1 event as a v2 without a site', () => {
    const v1 = { groupId: 'fleet', tariffId: 'FLEET', stationId: 'CP-1' };
    const decoded = eventCatalog.decodeValue(envelopeOf(DriverGroupTariffAssignedV1, SUBJECT, v1));
    expect(decoded.type).toBe(DriverGroupTariffAssignedV2.type);
    expect(decoded.data).toEqual({ ...v1, siteId: null });
  });

  it('applies at a site, and refuses a station and a site at once', () => {
    const atSite = { groupId: 'fleet', tariffId: 'FLEET', stationId: null, siteId: 'depot' };
    expect(
      eventCatalog.decodeValue(envelopeOf(DriverGroupTariffAssignedV2, SUBJECT, atSite)).data,
    ).toEqual(atSite);
    const both = { ...atSite, stationId: 'CP-1' };
    expect(() => envelopeOf(DriverGroupTariffAssignedV2, SUBJECT, both)).toThrow('not both');
    const read = { ...envelopeOf(DriverGroupTariffAssignedV2, SUBJECT, atSite), data: both };
    expect(() => eventCatalog.decodeValue(read)).toThrow('EVENT.INVALID_DATA');
  });
});
