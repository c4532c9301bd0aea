/**
 * @chargeledger/contracts: the only code services share. It fixes the event log's
 * decisions in code: envelope, type names, subjects and tokens, partitions, ids, event
 * schemas with their versions and upcasters, and stream and consumer specs.
 */
export * from './envelope/contexts';
export * from './envelope/envelope';
export * from './envelope/create-envelope';
export * from './events/event-definition';
export * from './events/event-catalog';
export * from './events/catalog';
export * from './events/ingestion/session-started.v1';
export * from './events/ingestion/meter-values-recorded.v1';
export * from './events/ingestion/session-ended.v1';
export * from './events/ingestion/raw-event-rejected.v1';
export * from './events/ingestion/station-status-changed.v1';
export * from './events/registry/site-registered.v1';
export * from './events/registry/station-registered.v1';
export * from './events/registry/station-tariff-assigned.v1';
export * from './events/registry/customer-account-opened.v1';
export * from './events/registry/customer-account-dunning-started.v1';
export * from './events/registry/customer-account-dunning-ended.v1';
export * from './events/registry/driver-registered.v1';
export * from './events/registry/driver-personal-data-erased.v1';
export * from './events/registry/token-issued.v1';
export * from './events/registry/token-blocked.v1';
export * from './events/registry/token-unblocked.v1';
export * from './events/registry/driver-group-created.v1';
export * from './events/registry/driver-added-to-group.v1';
export * from './events/registry/driver-removed-from-group.v1';
export * from './events/registry/loyalty-membership-joined.v1';
export * from './events/registry/loyalty-points-earned.v1';
export * from './events/registry/loyalty-points-redeemed.v1';
export * from './events/registry/loyalty-tier-changed.v1';
export * from './decisions/token-authorization.decision';
export * from './gateway/gateway-message';
export * from './ids/ids';
export * from './ids/token-ref';
export * from './naming/partition';
export * from './naming/token';
export * from './topology/consumers';
export * from './topology/namespace';
export * from './topology/streams';
export * from './topology/subjects';
export * from './values/values';
export * from './values/registry-values';
export * from './commands/station-command.v1';
