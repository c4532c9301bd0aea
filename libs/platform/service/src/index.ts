export * from './bootstrap';
export * from './database.resource';
export * from './nats.resource';
export * from './service-definition';
export * from './service.module';
export * from './tokens';
export * from './json-body';
export * from './metrics/service-metrics';
