/**
 * The rating service's feature module: the tariff API, and the workers that keep
 * rating's views, price open sessions and rate ended sessions. The app passes
 * `RatingModule.register(process.env)`, RATING_MIGRATIONS and RATING_PROBLEMS to the
 * service kit; the partition assignment, the live-cost interval and the re-rating window
 * are read from the environment while the app is created, so a bad value stops the boot
 * naming the variable.
 */
import { type DynamicModule, Module } from '@nestjs/common';
import { partitionAssignmentFromEnv } from '@chargeledger/platform/eventstore';
import { OpenApiModule } from '@chargeledger/platform/http';
import { AggregateCommandExecutor } from './commands/aggregate-command.executor';
import { LiveCostController } from './live/live-cost.controller';
import { LiveCostFeed } from './live/live-cost.feed';
import { LoyaltyProgrammeController } from './loyalty/loyalty-programme.controller';
import { LoyaltyProgrammeStore } from './loyalty/loyalty-programme.store';
import {
  liveCostIntervalMsFromEnv,
  RATING_LIVE_COST_INTERVAL,
  RATING_PARTITIONS,
  RATING_RE_RATING_WINDOW,
  reRatingWindowMsFromEnv,
} from './rating.settings';
import { ReRatingController } from './re-rating/re-rating.controller';
import { ReRatingExecutor } from './re-rating/re-rating.executor';
import { RatingWorkers } from './rating.workers';
import { limitsSettingsFromEnv, RATING_LIMITS_SETTINGS } from './limits/limits.settings';
import { OwnSessionLimitsController } from './limits/own-session-limits.controller';
import { SessionLimitsController } from './limits/session-limits.controller';
import { SessionLimitsExecutor } from './limits/session-limits.executor';
import { SessionLimitsStore } from './limits/session-limits.store';
import { TariffCommandExecutor } from './tariffs/tariff-command.executor';
import { TariffController } from './tariffs/tariff.controller';
import { TariffStore } from './tariffs/tariff.store';

@Module({
  imports: [
    OpenApiModule.forRoot({
      title: 'chargeledger rating',
      description:
        'Versioned OCPI 2.2.1 tariffs of an operator: publish immutable versions with validity windows (and an optional overstay fee), read them, and preview a draft on a sample session. Session limits (duration, energy, cost) per station, account, driver or tariff, and per session by its driver. The loyalty programme: per tier, the discount on a member\'s session and the points it earns. Re-rate a rated session (credit CDR + corrected CDR). Every /v1/operators/{operatorId} route needs a bearer JWT with role "operator" whose operator_id is the path operator; the live cost feed of a session also serves role "driver" with that session id as sub.',
    }),
  ],
  controllers: [
    TariffController,
    LiveCostController,
    SessionLimitsController,
    OwnSessionLimitsController,
    LoyaltyProgrammeController,
    ReRatingController,
  ],
  providers: [
    TariffStore,
    AggregateCommandExecutor,
    TariffCommandExecutor,
    RatingWorkers,
    LiveCostFeed,
    SessionLimitsStore,
    SessionLimitsExecutor,
    LoyaltyProgrammeStore,
    ReRatingExecutor,
  ],
})
export class RatingModule {
  static register(env: Readonly<Record<string, string | undefined>>): DynamicModule {
    return {
      module: RatingModule,
      providers: [
        { provide: RATING_PARTITIONS, useFactory: () => partitionAssignmentFromEnv(env) },
        { provide: RATING_LIVE_COST_INTERVAL, useFactory: () => liveCostIntervalMsFromEnv(env) },
        { provide: RATING_LIMITS_SETTINGS, useFactory: () => limitsSettingsFromEnv(env) },
        { provide: RATING_RE_RATING_WINDOW, useFactory: () => reRatingWindowMsFromEnv(env) },
      ],
    };
  }
}
