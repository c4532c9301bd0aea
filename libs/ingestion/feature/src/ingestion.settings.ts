/**
 * Ingestion's limits and plausibility policy, every value explicit. The policy is the
 * operator-facing contract of what counts as plausible; the limits bound memory and
 * latency of the consumers.
 */
import type { PlausibilityPolicy } from '@chargeledger/ingestion/domain';

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
  publishConcurrencyMax: 64,
} as const;

export const REGISTRY_VIEW_LIMITS = {
  batchSizeMax: 100,
  fetchExpiresMs: 1_000,
  nakDelayMs: 1_000,
  errorBackoffMaxMs: 5_000,
} as const;
