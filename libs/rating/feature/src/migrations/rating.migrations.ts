/** Rating's migrations, oldest first; the service kit applies them at boot. */
import { RatingTables1764700000000 } from './1764700000000-rating-tables';

export const RATING_MIGRATIONS = [RatingTables1764700000000] as const;
