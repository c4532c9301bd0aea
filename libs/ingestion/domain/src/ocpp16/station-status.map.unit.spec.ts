import { mapStationStatus } from './station-status.map';

const RECEIVED_AT = '2026-03-01T09:30:00.000Z';

describe('station status from StatusNotification', () => {
  it('reads 2.0.1 as is, in UTC', () => {
    const payload = {
      timestamp: '2026-03-01T10:00:00+01:00',
      connectorStatus: 'Occupied',
      evseId: 1,
      connectorId: 2,
    };
    expect(mapStationStatus('status-notification', payload, RECEIVED_AT)).toEqual({
      ok: true,
      status: { evseId: 1, connectorId: 2, status: 'Occupied', at: '2026-03-01T09:00:00.000Z' },
    });
  });

  it.each([
    ['Available', 'Available'],
    ['Preparing', 'Occupied'],
    ['Charging', 'Occupied'],
    ['SuspendedEV', 'Occupied'],
    ['SuspendedEVSE', 'Occupied'],
    ['Finishing', 'Occupied'],
    ['Reserved', 'Reserved'],
    ['Unavailable', 'Unavailable'],
    ['Faulted', 'Faulted'],
  ])('reads 1.6 %s as %s on EVSE N connector 1', (status16, status) => {
    const payload = { connectorId: 3, errorCode: 'NoError', status: status16 };
    expect(mapStationStatus('ocpp16-status-notification', payload, RECEIVED_AT)).toEqual({
      ok: true,
      status: { evseId: 3, connectorId: 1, status, at: RECEIVED_AT },
    });
  });

  it('reads 1.6 connector 0 as the whole station and keeps its own timestamp', () => {
    const payload = {
      connectorId: 0,
      errorCode: 'OtherError',
      status: 'Unavailable',
      timestamp: '2026-03-01T08:00:00Z',
    };
    expect(mapStationStatus('ocpp16-status-notification', payload, RECEIVED_AT)).toMatchObject({
      status: { evseId: 0, connectorId: 0, at: '2026-03-01T08:00:00.000Z' },
    });
  });

  it('refuses invalid payloads of either version with a detail', () => {
    const v16 = mapStationStatus('ocpp16-status-notification', { connectorId: -1 }, RECEIVED_AT);
    const v201 = mapStationStatus('status-notification', { evseId: 1 }, RECEIVED_AT);
    expect(v16.ok || v16.detail).toContain('connectorId');
    expect(v201.ok || v201.detail).toContain('connectorStatus');
  });
});
