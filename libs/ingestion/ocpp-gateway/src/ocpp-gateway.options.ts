/**
 * The gateway's limits and timings, all explicit: nothing falls back to ocpp-rpc or ws
 * defaults, which are unbounded for message size and bad frames.
 */
import { z } from 'zod';

export const ocppGatewayOptionsSchema = z.strictObject({
  /** Heartbeat interval BootNotification hands to chargers, in seconds. */
  heartbeatIntervalSeconds: z.int().min(10).max(86_400),
  /** How long a call to a charger (a station command) waits for its answer. */
  callTimeoutMs: z.int().min(1_000).max(300_000),
  /** Largest WebSocket message accepted; a bigger one closes the connection (1009). */
  maxMessageBytes: z
    .int()
    .min(1_024)
    .max(16 * 1_048_576),
  /** WebSocket ping period; a charger that misses a pong is disconnected. */
  pingIntervalMs: z.int().min(1_000).max(600_000),
  /** Chargers connected at once; more are refused with 503 before any work is done. */
  maxConnections: z.int().min(1).max(1_000_000),
  /** Malformed OCPP-J frames in a row a charger may send before it is disconnected. */
  maxBadMessages: z.int().min(1).max(1_000),
});

export type OcppGatewayOptions = z.infer<typeof ocppGatewayOptionsSchema>;
