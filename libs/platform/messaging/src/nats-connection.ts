/**
 * One NATS connection per process, with every reconnect option explicit: reconnect
 * forever with a fixed wait, so a restarted or briefly unreachable server is rejoined
 * without a manual step, and status changes are logged.
 */
import { connect, DebugEvents, type NatsConnection } from 'nats';

export interface NatsConnectionOptions {
  readonly url: string;
  readonly name: string;
  readonly connectTimeoutMs: number;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

export async function connectToNats(options: NatsConnectionOptions): Promise<NatsConnection> {
  const connection = await connect({
    servers: options.url,
    name: options.name,
    timeout: options.connectTimeoutMs,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    reconnectJitter: 200,
    pingInterval: 20_000,
    maxPingOut: 3,
    waitOnFirstConnect: false,
  });
  void watchStatus(connection, options.log);
  return connection;
}

async function watchStatus(
  connection: NatsConnection,
  log: NatsConnectionOptions['log'],
): Promise<void> {
  for await (const status of connection.status()) {
    // Ping timer ticks are routine; disconnects, reconnects and errors are worth a line.
    if (status.type === DebugEvents.PingTimer) continue;
    log('nats status', { type: status.type, data: JSON.stringify(status.data) });
  }
}

/** Drains (finishes in-flight work) and closes; bounded so shutdown cannot hang. */
export async function closeNats(connection: NatsConnection, timeoutMs: number): Promise<void> {
  if (connection.isClosed()) return;
  const drained = connection.drain().catch(() => connection.close());
  const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([drained, timer]);
  if (!connection.isClosed()) await connection.close();
}
