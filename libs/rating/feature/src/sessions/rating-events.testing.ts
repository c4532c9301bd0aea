/** Which of rating's session-rating events a test waits for: final ratings or live costs. */
import {
  SessionCostUpdatedV1,
  SessionRatedV1,
  SessionRatingRefusedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';

export const isFinalRating = (event: EventEnvelope): boolean =>
  event.type === SessionRatedV1.type || event.type === SessionRatingRefusedV1.type;

export const isLiveCost = (event: EventEnvelope): boolean =>
  event.type === SessionCostUpdatedV1.type;
