/** Rating's migrations, oldest first; the service kit applies them at boot. */
import { RatingTables1764700000000 } from './1764700000000-rating-tables';
import { RatingTokenHolders1764750000000 } from './1764750000000-rating-token-holders';
import { RatingLimits1764800000000 } from './1764800000000-rating-limits';
import { RatingLoyalty1764820000000 } from './1764820000000-rating-loyalty';
import { RatingEvseTariffs1764830000000 } from './1764830000000-rating-evse-tariffs';
import { RatingSessionTokens1764850000000 } from './1764850000000-rating-session-tokens';
import { RatingGroupTariffSites1764860000000 } from './1764860000000-rating-group-tariff-sites';

export const RATING_MIGRATIONS = [
  RatingTables1764700000000,
  RatingTokenHolders1764750000000,
  RatingLimits1764800000000,
  RatingLoyalty1764820000000,
  RatingEvseTariffs1764830000000,
  RatingSessionTokens1764850000000,
  RatingGroupTariffSites1764860000000,
] as const;
