export * from './event-publisher';
export * from './jetstream-config';
export * from './nats-connection';
export * from './topology-provisioner';
export * from './trace-headers';
