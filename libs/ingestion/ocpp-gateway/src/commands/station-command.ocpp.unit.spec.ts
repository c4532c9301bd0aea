import type { StationCommand } from '@chargeledger/contracts';
import { ocppCallOf } from './station-command.ocpp';

const addressed = {
  commandId: '0f7e3a52-6d3b-4f55-9d3c-2f0c4e0f7a11',
  operatorId: 'op-1',
  stationId: 'CP-1',
  expiresAt: '2026-03-01T10:05:00Z',
};
const start: StationCommand = {
  ...addressed,
  command: 'RemoteStart',
  evseId: 2,
  idToken: 'TAG-1',
  remoteStartId: 7,
};
const stop: StationCommand = { ...addressed, command: 'RemoteStop', transactionId: '41' };

describe('station commands in OCPP', () => {
  it('starts remotely with RemoteStartTransaction (1.6) or RequestStartTransaction (2.0.1)', () => {
    expect(ocppCallOf(start, 'ocpp1.6')).toEqual({
      ok: true,
      method: 'RemoteStartTransaction',
      params: { connectorId: 2, idTag: 'TAG-1' },
    });
    expect(ocppCallOf(start, 'ocpp2.0.1')).toEqual({
      ok: true,
      method: 'RequestStartTransaction',
      params: { idToken: { idToken: 'TAG-1', type: 'Central' }, remoteStartId: 7, evseId: 2 },
    });
  });

  it('stops remotely with RemoteStopTransaction (integer id) or RequestStopTransaction', () => {
    expect(ocppCallOf(stop, 'ocpp1.6')).toEqual({
      ok: true,
      method: 'RemoteStopTransaction',
      params: { transactionId: 41 },
    });
    expect(ocppCallOf({ ...stop, transactionId: 'tx-a' }, 'ocpp2.0.1')).toEqual({
      ok: true,
      method: 'RequestStopTransaction',
      params: { transactionId: 'tx-a' },
    });
  });

  it('refuses what 1.6 cannot carry', () => {
    for (const transactionId of ['tx-a', '0', '041', '2147483648'])
      expect(ocppCallOf({ ...stop, transactionId }, 'ocpp1.6')).toMatchObject({ ok: false });
    expect(ocppCallOf({ ...start, idToken: 'X'.repeat(21) }, 'ocpp1.6')).toMatchObject({
      ok: false,
    });
  });
});
