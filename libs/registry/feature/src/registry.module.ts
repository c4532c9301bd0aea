/**
 * The registry's feature module: the operator HTTP API, the command executor with its
 * Idempotency-Key ledger, the state and personal-data stores, the registry-state projection worker, the
 * loyalty accrual worker (points rating accrued, credited to balances) and the OpenAPI
 * document. The app passes it, REGISTRY_MIGRATIONS and REGISTRY_PROBLEMS to the service kit.
 */
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import {
  IDEMPOTENCY_KEY_LEDGER,
  IdempotentRequestInterceptor,
  OpenApiModule,
} from '@chargeledger/platform/http';
import { PostgresIdempotencyKeyLedger } from './commands/idempotency-key.ledger';
import { RegistryCommandExecutor } from './commands/registry-command.executor';
import { CustomerAccountController } from './customer-account/customer-account.controller';
import { DriverController } from './driver/driver.controller';
import { DriverGroupController } from './driver-group/driver-group.controller';
import { OperatorController } from './operator/operator.controller';
import { SiteController } from './site/site.controller';
import { LoyaltyMembershipController } from './loyalty/loyalty-membership.controller';
import { LoyaltyAccrualWorker } from './loyalty/loyalty-accrual.worker';
import { StationController } from './station/station.controller';
import { PersonalDataStore } from './state/personal-data.store';
import { RegistryStateStore } from './state/registry-state.store';
import { RegistryStateWorker } from './state/registry-state.worker';
import { TokenAuthorizationController } from './token/token-authorization.controller';
import { TokenController } from './token/token.controller';

@Module({
  imports: [
    OpenApiModule.forRoot({
      title: 'chargeledger registry',
      description:
        'The operator and its billing defaults, sites, stations, customer accounts, drivers, tokens, driver groups and loyalty memberships of an operator. Every /v1/operators/{operatorId} route needs a bearer JWT with role "operator" whose operator_id is the path operator; any other operator in the path answers 404.',
    }),
  ],
  controllers: [
    OperatorController,
    SiteController,
    StationController,
    CustomerAccountController,
    DriverController,
    TokenController,
    TokenAuthorizationController,
    DriverGroupController,
    LoyaltyMembershipController,
  ],
  providers: [
    RegistryStateStore,
    PersonalDataStore,
    RegistryCommandExecutor,
    RegistryStateWorker,
    LoyaltyAccrualWorker,
    { provide: IDEMPOTENCY_KEY_LEDGER, useClass: PostgresIdempotencyKeyLedger },
    // Every command with an Idempotency-Key: a reused key with another request is a 422.
    { provide: APP_INTERCEPTOR, useClass: IdempotentRequestInterceptor },
  ],
})
export class RegistryModule {}
