/** The registry's migrations, oldest first; the service kit applies them at boot. */
import { RegistryTables1764300000000 } from './1764300000000-registry-tables';
import { RegistryGroupsLoyalty1764400000000 } from './1764400000000-registry-groups-loyalty';
import { RegistryOperators1764500000000 } from './1764500000000-registry-operators';
import { RegistryIdempotencyKeys1764600000000 } from './1764600000000-registry-idempotency-keys';

export const REGISTRY_MIGRATIONS = [
  RegistryTables1764300000000,
  RegistryGroupsLoyalty1764400000000,
  RegistryOperators1764500000000,
  RegistryIdempotencyKeys1764600000000,
] as const;
