/**
 * The session-rating aggregate as re-rating needs it, folded from the events on
 * `session-rating/<sessionId>` in subject order: unrated until SessionRated (or refused
 * by SessionRatingRefused); once rated, the latest effective CDR (the SessionRated's,
 * then each SessionReRated's `corrected`), how many corrections were made, the corrected
 * meter samples in force (the latest METER_DATA correction's) and the last late fact a
 * re-rating took in. Live costs and declined late facts change nothing.
 */
import type { EventData, SessionReRatedV1, SessionRatingRefusedV1 } from '@chargeledger/contracts';
import type { RatedCdr } from './credit-cdr';

export type CorrectedSample = { readonly sampledAt: string; readonly energyRegisterWh: string };

export type SessionRatingState =
  | { readonly status: 'unrated' }
  | {
      readonly status: 'refused';
      /** Why rating refused the session. */
      readonly refusal: EventData<typeof SessionRatingRefusedV1>;
    }
  | RatedSessionState;

export interface RatedSessionState {
  readonly status: 'rated';
  /** When the session was rated (the SessionRated's time): the late-fact window opens then. */
  readonly ratedAt: string;
  /** The CDR a correction credits. */
  readonly current: RatedCdr;
  readonly corrections: number;
  /** The session's energy register samples as an operator corrected them, if one did. */
  readonly meterSamples?: readonly CorrectedSample[];
  /** The ingestion event through which the current CDR took in late facts, if any did. */
  readonly lateFactsThrough?: string;
}

export type SessionRatingEvent =
  | { readonly type: 'SessionRated'; readonly time: string; readonly data: RatedCdr }
  | {
      readonly type: 'SessionRatingRefused';
      readonly data: EventData<typeof SessionRatingRefusedV1>;
    }
  | { readonly type: 'SessionReRated'; readonly data: EventData<typeof SessionReRatedV1> };

export const sessionRatingInitialState: SessionRatingState = { status: 'unrated' };

export function evolveSessionRating(
  state: SessionRatingState,
  event: SessionRatingEvent,
): SessionRatingState {
  switch (event.type) {
    case 'SessionRated':
      return state.status === 'unrated'
        ? { status: 'rated', ratedAt: event.time, current: event.data, corrections: 0 }
        : state;
    case 'SessionRatingRefused':
      return state.status === 'unrated' ? { status: 'refused', refusal: event.data } : state;
    case 'SessionReRated': {
      if (state.status !== 'rated') return state;
      const { correction, corrected } = event.data;
      return {
        ...state,
        current: corrected,
        corrections: state.corrections + 1,
        ...(correction.kind === 'METER_DATA' ? { meterSamples: correction.samples } : {}),
        ...(correction.kind === 'LATE_FACTS' ? { lateFactsThrough: correction.factEventId } : {}),
      };
    }
  }
}
