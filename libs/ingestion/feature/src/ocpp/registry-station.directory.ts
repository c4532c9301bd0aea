/**
 * The OCPP-J gateway's StationDirectory over ingestion's registry view: a station is
 * known once its StationRegistered fact is projected, speaks the version the registry
 * gave it, and logs in with the password whose hash is stored under its credentialsRef.
 * Without a usable secret the station is still found (so the charger gets 401, not 404)
 * but no password matches.
 */
import type {
  OcppVersion,
  RegisteredStation,
  StationDirectory,
} from '@chargeledger/ingestion/ocpp-gateway';
import type { OcppVersion as RegistryOcppVersion } from '@chargeledger/contracts';
import { stationKeyOf, type RegistryViewQueries } from '../registry-view/registry-view.queries';
import type { StationCredentials } from './station-credentials.store';
import { stationPasswordMatches } from './station-secret';

const OCPP_SUBPROTOCOL = {
  '1.6': 'ocpp1.6',
  '2.0.1': 'ocpp2.0.1',
} as const satisfies Record<RegistryOcppVersion, OcppVersion>;

export class RegistryStationDirectory implements StationDirectory {
  constructor(
    private readonly registry: RegistryViewQueries,
    private readonly credentials: StationCredentials,
  ) {}

  async find(operatorId: string, stationId: string): Promise<RegisteredStation | undefined> {
    const stations = await this.registry.stations([{ operatorId, stationId }]);
    const station = stations.get(stationKeyOf(operatorId, stationId));
    if (station === undefined) return undefined;
    const secret = await this.credentials.secretOf(station.credentialsRef);
    return {
      ocppVersion: OCPP_SUBPROTOCOL[station.ocppVersion],
      passwordMatches: (password) =>
        secret !== undefined && stationPasswordMatches(secret, password),
    };
  }
}
