/**
 * @chargeledger/registry/feature: the registry service's behaviour (operator API,
 * commands, projection of its own events, personal data) as a NestJS module.
 */
export { RegistryModule } from './registry.module';
export { REGISTRY_MIGRATIONS } from './migrations/registry.migrations';
export { REGISTRY_PROBLEMS } from './http/registry-refusal.problem';
export { REGISTRY_PROJECTIONS } from './registry.projections';
