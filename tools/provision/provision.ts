/**
 * Applies every stream and every service's durable consumers to a NATS server, from the
 * contracts' specs; the deployment's provisioning job runs it before the services roll.
 * Idempotent, so re-running it after a spec change updates what changed and nothing else.
 *
 * Environment: NATS_URL (default nats://127.0.0.1:4222), STREAM_REPLICAS (default 1),
 * EVENT_NAMESPACE (default empty = production names).
 */
import {
  CONTEXTS,
  consumerSpecsOf,
  isolatedNamespace,
  PRODUCTION_NAMESPACE,
  streamSpecs,
} from '@chargeledger/contracts';
import { closeNats, connectToNats, provisionTopology } from '@chargeledger/platform/messaging';
import { loadConfig } from '@chargeledger/shared/config';
import { z } from 'zod';

const schema = z.object({
  NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  EVENT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]{0,24}$/)
    .default(''),
});

async function main(): Promise<void> {
  const config = loadConfig(schema, process.env);
  const namespace =
    config.EVENT_NAMESPACE === ''
      ? PRODUCTION_NAMESPACE
      : isolatedNamespace(config.EVENT_NAMESPACE);
  const log = (event: string, detail: Record<string, unknown>): void => {
    process.stdout.write(`${JSON.stringify({ event, ...detail })}\n`);
  };
  const connection = await connectToNats({
    url: config.NATS_URL,
    name: 'provision',
    connectTimeoutMs: 10_000,
    log,
  });
  try {
    const topology = {
      namespace,
      streams: Object.values(streamSpecs(namespace, config.STREAM_REPLICAS)),
      consumers: CONTEXTS.flatMap((app) => consumerSpecsOf(app, namespace)),
    };
    await provisionTopology(await connection.jetstreamManager(), topology, log);
    log('provisioned', { streams: topology.streams.length, consumers: topology.consumers.length });
  } finally {
    await closeNats(connection, 5_000);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `provision failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
