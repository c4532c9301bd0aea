import { stationCommandV1 } from './station-command.v1';

const stop = {
  command: 'RemoteStop',
  commandId: '0f7e3a52-6d3b-4f55-9d3c-2f0c4e0f7a11',
  operatorId: 'op-1',
  stationId: 'CP-1',
  transactionId: '41',
  expiresAt: '2026-03-01T10:05:00Z',
};

describe('StationCommand v1', () => {
  it('reads a remote stop and a remote start', () => {
    expect(stationCommandV1.parse(stop)).toEqual(stop);
    const { transactionId: _stopOnly, ...addressed } = stop;
    const start = {
      ...addressed,
      command: 'RemoteStart',
      evseId: 1,
      idToken: 'TAG-1',
      remoteStartId: 7,
    };
    expect(stationCommandV1.parse(start)).toEqual(start);
  });

  it('refuses a command without expiry, with a local time, or with fields of the other kind', () => {
    const { expiresAt: _missing, ...withoutExpiry } = stop;
    for (const command of [
      withoutExpiry,
      { ...stop, expiresAt: '2026-03-01T11:05:00+01:00' },
      { ...stop, evseId: 1 },
      { ...stop, command: 'Reset' },
    ])
      expect(stationCommandV1.safeParse(command).success).toBe(false);
  });
});
