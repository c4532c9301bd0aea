/** Rating's projections as an operator rebuilds them: a partitioned one by its family's name. */
import type { Projection } from '@chargeledger/platform/eventstore';
import { SessionLimitsProjection } from './limits/session-limits.projection';
import { LoyaltyCreditsProjection } from './loyalty/loyalty-credits.projection';
import { LoyaltyProgrammesProjection } from './loyalty/loyalty-programmes.projection';
import { RatingRegistryProjection } from './registry-view/rating-registry.projection';
import {
  RATING_SESSIONS_PURPOSE,
  SessionFactsProjection,
} from './sessions/session-facts.projection';
import { TariffVersionsProjection } from './tariffs/tariff-versions.projection';

export const RATING_PROJECTIONS: readonly Projection[] = [
  new RatingRegistryProjection(),
  new TariffVersionsProjection(),
  new SessionLimitsProjection(),
  new LoyaltyProgrammesProjection(),
  new LoyaltyCreditsProjection(),
  new SessionFactsProjection(`rating-${RATING_SESSIONS_PURPOSE}`),
];
