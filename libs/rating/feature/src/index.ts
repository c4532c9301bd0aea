/**
 * @chargeledger/rating/feature: the rating service's behaviour (tariff API, rating's
 * views of its own, ingestion's and the registry's events, final rating of ended
 * sessions) as a NestJS module.
 */
export { RatingModule } from './rating.module';
export { RATING_MIGRATIONS } from './migrations/rating.migrations';
export { RATING_PROBLEMS } from './http/rating-refusal.problem';
