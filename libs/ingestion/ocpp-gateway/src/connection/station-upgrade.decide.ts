/**
 * Who may open an OCPP-J connection (security profile 1): a station the operator
 * registered, presenting its own password with HTTP Basic auth (username = the station
 * id, which ocpp-rpc checks before handing over the password), speaking the OCPP version
 * it is registered for. Unknown station, missing or wrong password all get the same 401
 * so a caller learns nothing about which ids exist; the log says which it was.
 */
import type { IHandshakeInterface } from 'ocpp-rpc/lib/server-client';
import type { OcppVersion, StationDirectory } from '../ports/station-directory.port';
import { stationAddressOf, type StationAddress } from './station-path';

export type UpgradeDecision =
  | { readonly accept: true; readonly station: StationAddress; readonly protocol: OcppVersion }
  | {
      readonly accept: false;
      readonly status: 400 | 401 | 404 | 503;
      /** Why, for the log only; the charger sees the status. */
      readonly reason: string;
      /** Refusals that may be an attack are logged as security events. */
      readonly securityEvent: boolean;
      readonly station?: StationAddress;
    };

export async function decideUpgrade(
  handshake: Pick<IHandshakeInterface, 'request' | 'identity' | 'password' | 'protocols'>,
  directory: StationDirectory,
): Promise<UpgradeDecision> {
  const station = stationAddressOf(handshake.request.url);
  if (station?.stationId !== handshake.identity)
    return { accept: false, status: 404, reason: 'no station at this path', securityEvent: false };
  const unauthorized = (reason: string): UpgradeDecision => ({
    accept: false,
    status: 401,
    reason,
    securityEvent: true,
    station,
  });
  if (handshake.password === undefined)
    return unauthorized('no Basic auth credentials for this station id');
  const registered = await directory.find(station.operatorId, station.stationId);
  if (registered === undefined) return unauthorized('unknown station');
  if (!registered.passwordMatches(handshake.password)) return unauthorized('wrong password');
  if (!handshake.protocols.has(registered.ocppVersion))
    return {
      accept: false,
      status: 400,
      reason: `station is registered for ${registered.ocppVersion} and did not offer it`,
      securityEvent: false,
      station,
    };
  return { accept: true, station, protocol: registered.ocppVersion };
}
