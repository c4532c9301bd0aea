/**
 * Creates or updates streams and durable consumers so that the server matches the specs.
 * Idempotent: run at every service start and by the deployment's provisioning job. A
 * field the server cannot change in place is reported, never silently ignored.
 */
import type { JetStreamManager, ConsumerConfig } from 'nats';
import type { ConsumerSpec, Namespace, StreamSpec } from '@chargeledger/contracts';
import { toConsumerConfig, toStreamConfig } from './jetstream-config';

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

export interface Topology {
  readonly namespace: Namespace;
  readonly streams: readonly StreamSpec[];
  readonly consumers: readonly ConsumerSpec[];
}

export type ProvisionLog = (event: string, detail: Record<string, unknown>) => void;

function apiErrorCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('api_error' in error)) return undefined;
  const apiError: unknown = error.api_error;
  if (typeof apiError !== 'object' || apiError === null || !('err_code' in apiError))
    return undefined;
  return typeof apiError.err_code === 'number' ? apiError.err_code : undefined;
}

/**
 * Fields whose wanted value differs from the server's. A server omits fields it keeps at
 * their zero value (and older servers omit newer ones), so absent equals false/0/[].
 */
function differs<T extends object>(wanted: T, actual: object): (keyof T)[] {
  const actualRecord = new Map<string, unknown>(Object.entries(actual));
  const zero = (value: unknown): boolean =>
    value === undefined ||
    value === false ||
    value === 0 ||
    (Array.isArray(value) && value.length === 0);
  return (Object.keys(wanted) as (keyof T)[]).filter((key) => {
    const want: unknown = wanted[key];
    const have = actualRecord.get(String(key));
    if (have === undefined && zero(want)) return false;
    return JSON.stringify(want) !== JSON.stringify(have);
  });
}

async function provisionStream(
  jsm: JetStreamManager,
  spec: StreamSpec,
  log: ProvisionLog,
): Promise<void> {
  const wanted = toStreamConfig(spec);
  try {
    const info = await jsm.streams.info(spec.name);
    const changed = differs(wanted, info.config);
    if (changed.length === 0) return;
    await jsm.streams.update(spec.name, wanted);
    log('stream updated', { stream: spec.name, fields: changed });
  } catch (error) {
    if (apiErrorCode(error) !== STREAM_NOT_FOUND) throw error;
    await jsm.streams.add(wanted);
    log('stream created', { stream: spec.name });
  }
}

async function provisionConsumer(
  jsm: JetStreamManager,
  stream: string,
  spec: ConsumerSpec,
  log: ProvisionLog,
): Promise<void> {
  const wanted: ConsumerConfig = toConsumerConfig(spec);
  try {
    const info = await jsm.consumers.info(stream, spec.durable);
    const changed = differs(wanted, info.config);
    if (changed.length === 0) return;
    await jsm.consumers.update(stream, spec.durable, wanted);
    log('consumer updated', { stream, consumer: spec.durable, fields: changed });
  } catch (error) {
    if (apiErrorCode(error) !== CONSUMER_NOT_FOUND) throw error;
    await jsm.consumers.add(stream, wanted);
    log('consumer created', { stream, consumer: spec.durable });
  }
}

export async function provisionTopology(
  jsm: JetStreamManager,
  topology: Topology,
  log: ProvisionLog,
): Promise<void> {
  for (const stream of topology.streams) await provisionStream(jsm, stream, log);
  for (const consumer of topology.consumers) {
    await provisionConsumer(
      jsm,
      `${topology.namespace.streamPrefix}${consumer.stream}`,
      consumer,
      log,
    );
  }
}

/** What readiness needs: the names of streams and consumers that are not on the server. */
export async function missingTopology(
  jsm: JetStreamManager,
  topology: Topology,
): Promise<string[]> {
  const missing: string[] = [];
  const present = async (
    lookup: () => Promise<unknown>,
    notFound: number,
    name: string,
  ): Promise<void> => {
    try {
      await lookup();
    } catch (error) {
      if (apiErrorCode(error) !== notFound) throw error;
      missing.push(name);
    }
  };
  for (const stream of topology.streams) {
    await present(() => jsm.streams.info(stream.name), STREAM_NOT_FOUND, `stream ${stream.name}`);
  }
  for (const consumer of topology.consumers) {
    const stream = `${topology.namespace.streamPrefix}${consumer.stream}`;
    await present(
      () => jsm.consumers.info(stream, consumer.durable),
      CONSUMER_NOT_FOUND,
      `consumer ${stream}/${consumer.durable}`,
    );
  }
  return missing;
}
