/**
 * The registry's feature module: the operator HTTP API, the command executor, the state
 * and personal-data stores, the registry-state projection worker and the OpenAPI
 * document. The app passes it and REGISTRY_MIGRATIONS to the service kit.
 */
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RegistryCommandExecutor } from './commands/registry-command.executor';
import { CustomerAccountController } from './customer-account/customer-account.controller';
import { DriverController } from './driver/driver.controller';
import { DriverGroupController } from './driver-group/driver-group.controller';
import { OpenApiController } from './http/openapi.controller';
import { OpenApiDocument } from './http/openapi.document';
import { ProblemFilter } from './http/problem';
import { SiteController } from './site/site.controller';
import { LoyaltyMembershipController } from './loyalty/loyalty-membership.controller';
import { StationController } from './station/station.controller';
import { PersonalDataStore } from './state/personal-data.store';
import { RegistryStateStore } from './state/registry-state.store';
import { RegistryStateWorker } from './state/registry-state.worker';
import { TokenAuthorizationController } from './token/token-authorization.controller';
import { TokenController } from './token/token.controller';

@Module({
  imports: [DiscoveryModule],
  controllers: [
    SiteController,
    StationController,
    CustomerAccountController,
    DriverController,
    TokenController,
    TokenAuthorizationController,
    DriverGroupController,
    LoyaltyMembershipController,
    OpenApiController,
  ],
  providers: [
    RegistryStateStore,
    PersonalDataStore,
    RegistryCommandExecutor,
    RegistryStateWorker,
    OpenApiDocument,
    ProblemFilter,
  ],
})
export class RegistryModule {}
