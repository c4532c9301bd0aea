/** The registry's migrations, oldest first; the service kit applies them at boot. */
import { RegistryTables1764300000000 } from './1764300000000-registry-tables';
import { RegistryGroupsLoyalty1764400000000 } from './1764400000000-registry-groups-loyalty';

export const REGISTRY_MIGRATIONS = [
  RegistryTables1764300000000,
  RegistryGroupsLoyalty1764400000000,
] as const;
