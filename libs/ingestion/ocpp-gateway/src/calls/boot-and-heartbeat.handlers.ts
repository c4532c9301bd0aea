/**
 * BootNotification and Heartbeat read the same in 1.6 and 2.0.1. Only registered stations
 * get this far (the upgrade checked their credentials), so a boot is always Accepted.
 * Neither message is stored: they carry no billing fact.
 */
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import type { ConnectedStation } from './connected-station';

export function handleBootAndHeartbeat(
  client: RpcServerClient,
  station: ConnectedStation,
  heartbeatIntervalSeconds: number,
): void {
  client.handle('BootNotification', () =>
    Promise.resolve({
      status: 'Accepted',
      currentTime: station.now(),
      interval: heartbeatIntervalSeconds,
    }),
  );
  client.handle('Heartbeat', () => Promise.resolve({ currentTime: station.now() }));
}
