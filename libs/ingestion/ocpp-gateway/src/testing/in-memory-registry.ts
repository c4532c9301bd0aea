/**
 * Test stand-ins for the read model behind the gateway's ports: stations with their OCPP
 * version and password, and token decisions by id. Not wiring: the gateway's behaviour
 * around them (auth, answers, storing) is what the tests exercise.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenAuthorization, TokenAuthorizationStatus } from '@chargeledger/contracts';
import type {
  OcppVersion,
  RegisteredStation,
  StationDirectory,
} from '../ports/station-directory.port';
import type { TokenAuthorizer } from '../ports/token-authorizer.port';

export interface TestStation {
  readonly operatorId: string;
  readonly stationId: string;
  readonly ocppVersion: OcppVersion;
  readonly password: string;
}

const REASONS = {
  ACCEPTED: 'REGISTRY.TOKEN_VALID',
  BLOCKED: 'REGISTRY.TOKEN_BLOCKED',
  EXPIRED: 'REGISTRY.TOKEN_EXPIRED',
  UNKNOWN: 'REGISTRY.TOKEN_UNKNOWN',
} as const satisfies Record<TokenAuthorizationStatus, TokenAuthorization['reason']>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

export class InMemoryStationDirectory implements StationDirectory {
  private readonly stations = new Map<string, RegisteredStation>();

  add(station: TestStation): void {
    const expected = sha256(Buffer.from(station.password, 'utf8'));
    this.stations.set(keyOf(station.operatorId, station.stationId), {
      ocppVersion: station.ocppVersion,
      passwordMatches: (password) => timingSafeEqual(sha256(password), expected),
    });
  }

  find(operatorId: string, stationId: string): Promise<RegisteredStation | undefined> {
    return Promise.resolve(this.stations.get(keyOf(operatorId, stationId)));
  }
}

export class InMemoryTokenAuthorizer implements TokenAuthorizer {
  readonly asked: { operatorId: string; idToken: string; at: string }[] = [];

  constructor(private readonly statuses: Readonly<Record<string, TokenAuthorizationStatus>>) {}

  authorize(operatorId: string, idToken: string, at: string): Promise<TokenAuthorization> {
    this.asked.push({ operatorId, idToken, at });
    const status = this.statuses[idToken] ?? 'UNKNOWN';
    return Promise.resolve({ status, reason: REASONS[status] });
  }
}

function keyOf(operatorId: string, stationId: string): string {
  return JSON.stringify([operatorId.toLowerCase(), stationId.toLowerCase()]);
}
