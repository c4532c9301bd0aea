/**
 * @chargeledger/rating/feature: the rating service's behaviour (tariff API, rating's
 * views of its own, ingestion's and the registry's events, final rating of ended
 * sessions) as a NestJS module.
 *
 * Rules it keeps (details where they are decided):
 * - A session is rated with the tariff assigned to its station at its start (the latest
 *   StationTariffAssigned recorded at or before it) and that tariff's highest version
 *   whose [validFrom, validTo) holds the start; versions may not start before their
 *   publication (RATING.TARIFF_RETROACTIVE), so a later version never reprices a session
 *   already started (rating/domain tariff-version.resolve.ts, tariff.decider.ts).
 * - Rounding is the operator's mode in effect at the start, HALF_UP if it set none.
 * - A session rating cannot price is published as SessionRatingRefused with a stable code
 *   (RATING.UNKNOWN_STATION, NO_TARIFF_ASSIGNED, NO_TARIFF_VERSION_AT_START,
 *   UNRATABLE_SESSION), decided only once rating's views have caught up; only a session
 *   whose inputs never arrive within the durable's deliveries becomes a dead letter
 *   (sessions/session-rating.reactor.ts).
 * - A rated session is corrected, never edited: one SessionReRated on its subject carries
 *   the credit CDR of the latest CDR and the corrected CDR (same engine, settled once),
 *   for an operator's correction (POST .../sessions/{id}/re-ratings) or for a fact
 *   recorded after the rating within RERATING_WINDOW_S; a late fact outside it (or with
 *   nothing to change) is a SessionReRatingDeclined (re-rating/, rating/domain re-rating/).
 */
export { RatingModule } from './rating.module';
export { RATING_MIGRATIONS } from './migrations/rating.migrations';
export { RATING_PROBLEMS } from './http/rating-refusal.problem';
export { RATING_PROJECTIONS } from './rating.projections';
