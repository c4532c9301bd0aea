/**
 * What the gateway needs to know about a station before it lets a charger in: that the
 * operator registered it, which OCPP version it speaks, and whether the Basic auth
 * password is its own. Backed by ingestion's projection of registry facts; the secret
 * itself never leaves the directory, only the comparison does.
 */
export const OCPP_VERSIONS = ['ocpp1.6', 'ocpp2.0.1'] as const;
export type OcppVersion = (typeof OCPP_VERSIONS)[number];

export interface RegisteredStation {
  readonly ocppVersion: OcppVersion;
  /** Compares in constant time (e.g. against a stored hash); the password may be binary. */
  passwordMatches(password: Uint8Array): boolean;
}

export interface StationDirectory {
  /** Undefined when the operator has no such station (ids as sent, compared canonically). */
  find(operatorId: string, stationId: string): Promise<RegisteredStation | undefined>;
}
