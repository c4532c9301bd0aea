/**
 * Whether durables have applied everything in their streams: nothing pending delivery
 * and nothing delivered but unacknowledged. A reaction that reads a view waits for this
 * before it decides that something the view lacks does not exist.
 */
import type { JetStreamClient } from 'nats';
import type { ConsumerSpec, Namespace } from '@chargeledger/contracts';

export async function durablesCaughtUp(
  js: JetStreamClient,
  namespace: Namespace,
  durables: readonly Pick<ConsumerSpec, 'stream' | 'durable'>[],
): Promise<boolean> {
  for (const { stream, durable } of durables) {
    const consumer = await js.consumers.get(`${namespace.streamPrefix}${stream}`, durable);
    const info = await consumer.info();
    if (info.num_pending !== 0 || info.num_ack_pending !== 0) return false;
  }
  return true;
}
