/**
 * The rating service: prices sessions against versioned OCPI tariffs, live and final.
 * This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';
import { RATING_MIGRATIONS, RATING_PROBLEMS, RatingModule } from '@chargeledger/rating/feature';

runService({
  app: 'rating',
  httpPort: 3003,
  module: RatingModule.register(process.env),
  migrations: RATING_MIGRATIONS,
  problems: RATING_PROBLEMS,
});
