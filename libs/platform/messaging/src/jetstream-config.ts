/**
 * Maps the contracts' stream and consumer specs to the nats client's JetStream configs.
 * Every option is written out; nothing is left to server defaults.
 */
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  nanos,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type StreamConfig,
} from 'nats';
import type { ConsumerSpec, StreamSpec } from '@chargeledger/contracts';

/** `first_seq` is left out: 2.9 servers refuse it, and every stream starts at 1. */
export function toStreamConfig(spec: StreamSpec): Omit<StreamConfig, 'first_seq'> {
  return {
    name: spec.name,
    subjects: [...spec.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: spec.replicas,
    max_age: nanos(spec.maxAgeMs),
    max_bytes: spec.maxBytes,
    max_msgs: -1,
    max_msgs_per_subject: -1,
    max_msg_size: spec.maxMsgSizeBytes,
    max_consumers: -1,
    duplicate_window: nanos(spec.duplicateWindowMs),
    discard: spec.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    discard_new_per_subject: false,
    deny_delete: spec.denyDelete,
    deny_purge: spec.denyPurge,
    allow_rollup_hdrs: spec.allowRollup,
    allow_direct: false,
    mirror_direct: false,
    sealed: false,
  };
}

export function toConsumerConfig(spec: ConsumerSpec): ConsumerConfig {
  return {
    durable_name: spec.durable,
    filter_subject: spec.filterSubject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    ...(spec.backoffMs.length === 0 ? {} : { backoff: spec.backoffMs.map((ms) => nanos(ms)) }),
    max_ack_pending: spec.maxAckPending,
    max_waiting: spec.maxWaiting,
    max_batch: spec.maxRequestBatch,
    max_expires: nanos(spec.maxRequestExpiresMs),
    headers_only: false,
    mem_storage: false,
    num_replicas: 0,
  };
}
