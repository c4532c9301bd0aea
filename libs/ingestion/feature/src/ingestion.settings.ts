/**
 * Ingestion's limits, plausibility policy, OCPP-J gateway options and own environment,
 * every value explicit. The policy is the operator-facing contract of what counts as
 * plausible; the limits bound memory and latency of the consumers.
 */
import { z } from 'zod';
import type { PlausibilityPolicy } from '@chargeledger/ingestion/domain';
import type { OcppGatewayOptions } from '@chargeledger/ingestion/ocpp-gateway';

export const INGESTION_POLICY: PlausibilityPolicy = {
  /** Station clocks may run this far ahead of ours before a reading counts as future. */
  clockSkewToleranceMs: 5 * 60_000,
  /** A station may flush readings buffered this long during an outage. */
  offlineBacklogMaxMs: 7 * 24 * 3_600_000,
  /** Energy may imply up to 10% above the connector's rated power (meter and rating tolerance). */
  powerToleranceFactor: '1.1',
};

export const NORMALISER_LIMITS = {
  batchSizeMax: 500,
  fetchExpiresMs: 1_000,
  nakDelayMs: 1_000,
  errorBackoffMaxMs: 5_000,
  /** Sessions published to at once; each session's own events stay in order. */
  publishConcurrencyMax: 1_000,
  /** Sessions whose accepted samples stay in memory between batches. */
  sessionsCachedMax: 20_000,
} as const;

export const REGISTRY_VIEW_LIMITS = {
  batchSizeMax: 100,
  fetchExpiresMs: 1_000,
  nakDelayMs: 1_000,
  errorBackoffMaxMs: 5_000,
} as const;

/**
 * Ingestion's own environment, parsed once at boot (the service kit parses the shared
 * variables). Without STATION_CREDENTIALS_DIR no charger can log in over OCPP-J.
 */
export const ingestionEnvSchema = z.object({
  /** Directory of station secrets, one file per credentialsRef (a mounted Secret). */
  STATION_CREDENTIALS_DIR: z.string().startsWith('/', 'must be an absolute path').optional(),
});

export type IngestionEnv = z.infer<typeof ingestionEnvSchema>;

export const INGESTION_ENV = Symbol('INGESTION_ENV');

export const OCPP_GATEWAY_OPTIONS: OcppGatewayOptions = {
  heartbeatIntervalSeconds: 300,
  /** Remote start/stop answers; a charger slower than this counts as failed. */
  callTimeoutMs: 30_000,
  maxMessageBytes: 65_536,
  pingIntervalMs: 60_000,
  maxConnections: 10_000,
  maxBadMessages: 10,
};

export const STATION_COMMAND_LIMITS = {
  batchSizeMax: 50,
  fetchExpiresMs: 1_000,
  /** Retry period for a command whose charger is not connected to this replica. */
  notConnectedRetryMs: 3_000,
  errorBackoffMaxMs: 5_000,
} as const;
