/**
 * The registry service: sites, stations, customer accounts, drivers and tokens; the only
 * home of personal data. This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';
import {
  REGISTRY_MIGRATIONS,
  REGISTRY_PROBLEMS,
  RegistryModule,
} from '@chargeledger/registry/feature';

runService({
  app: 'registry',
  httpPort: 3001,
  module: RegistryModule,
  migrations: REGISTRY_MIGRATIONS,
  problems: REGISTRY_PROBLEMS,
});
