/**
 * A charging session as ingestion knows it, folded from its own events: the start, every
 * accepted sample, the seqNos accepted without samples, the last charging state, the end,
 * and whether a rejected message or a flag put it up for review. Billed
 * energy is the final register minus the start register, with samples ordered by station
 * timestamp then seqNo, never by arrival.
 */
import Decimal from 'decimal.js';
import type {
  ChargingState,
  ChargingStateChangedV1,
  EventData,
  MeterValuesRecordedV1,
  RawEventRejectedV1,
  SessionEndedV1,
  SessionFlaggedForReviewV1,
  SessionMarkedCompleteV1,
  SessionMarkedIncompleteV1,
  SessionSeqNoReceivedV1,
  SessionStartedV1,
  SessionTokenPresentedV1,
} from '@chargeledger/contracts';
import type { MeterSample } from '../ocpp/meter-sample.normalise';
import { assertNever } from '../shared/assert-never';

export type SessionEvent =
  | { readonly type: 'SessionStarted'; readonly data: EventData<typeof SessionStartedV1> }
  | { readonly type: 'MeterValuesRecorded'; readonly data: EventData<typeof MeterValuesRecordedV1> }
  | { readonly type: 'SessionEnded'; readonly data: EventData<typeof SessionEndedV1> }
  | { readonly type: 'RawEventRejected'; readonly data: EventData<typeof RawEventRejectedV1> }
  | {
      readonly type: 'ChargingStateChanged';
      readonly data: EventData<typeof ChargingStateChangedV1>;
    }
  | {
      readonly type: 'SessionSeqNoReceived';
      readonly data: EventData<typeof SessionSeqNoReceivedV1>;
    }
  | {
      readonly type: 'SessionMarkedIncomplete';
      readonly data: EventData<typeof SessionMarkedIncompleteV1>;
    }
  | {
      readonly type: 'SessionMarkedComplete';
      readonly data: EventData<typeof SessionMarkedCompleteV1>;
    }
  | {
      readonly type: 'SessionFlaggedForReview';
      readonly data: EventData<typeof SessionFlaggedForReviewV1>;
    }
  | {
      readonly type: 'SessionTokenPresented';
      readonly data: EventData<typeof SessionTokenPresentedV1>;
    };

export type SessionStart = EventData<typeof SessionStartedV1>;
export type SessionEnd = EventData<typeof SessionEndedV1>;

interface Known {
  readonly start: SessionStart;
  /** Accepted samples in billing order (sampledAt, then seqNo). */
  readonly samples: readonly MeterSample[];
  /** Ascending seqNos of accepted messages that carried no sample (samples carry their own). */
  readonly seqNosWithoutSamples: readonly number[];
  /** The newest charging state the station reported, once it reported one. */
  readonly chargingState?: ChargingState | undefined;
  readonly needsReview: boolean;
  /**
   * The token a message after the start presented to a session started without one (its
   * SessionTokenPresented; see session-token.ts).
   */
  readonly laterTokenRef?: string | undefined;
}

export type SessionState =
  | { readonly status: 'unknown' }
  | ({ readonly status: 'open' } & Known)
  | ({ readonly status: 'ended'; readonly end: SessionEnd } & Known);

export const sessionInitialState: SessionState = { status: 'unknown' };

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'SessionStarted':
      if (state.status !== 'unknown') return state;
      return {
        status: 'open',
        start: event.data,
        samples: [],
        seqNosWithoutSamples: [],
        needsReview: false,
      };
    case 'MeterValuesRecorded':
      if (state.status === 'unknown') return state;
      return { ...state, samples: mergeInBillingOrder(state.samples, event.data.samples) };
    case 'SessionEnded':
      if (state.status !== 'open') return state;
      return { ...state, status: 'ended', end: event.data };
    case 'RawEventRejected':
      if (state.status === 'unknown' || !event.data.sessionNeedsReview) return state;
      return { ...state, needsReview: true };
    case 'ChargingStateChanged':
      if (state.status === 'unknown') return state;
      return { ...state, chargingState: event.data.chargingState };
    case 'SessionSeqNoReceived': {
      if (state.status === 'unknown') return state;
      const seqNos = new Set([...state.seqNosWithoutSamples, event.data.seqNo]);
      return { ...state, seqNosWithoutSamples: [...seqNos].sort((a, b) => a - b) };
    }
    case 'SessionMarkedIncomplete':
    case 'SessionMarkedComplete':
      // the gap is a projection of the accepted seqNos, recomputed when needed
      return state;
    case 'SessionFlaggedForReview':
      if (state.status === 'unknown') return state;
      return { ...state, needsReview: true };
    case 'SessionTokenPresented':
      if (state.status === 'unknown') return state;
      return { ...state, laterTokenRef: event.data.tokenRef };
    default:
      return assertNever(event);
  }
}

/** UTC as `toISOString` writes it: for these, text order is time order (no parsing). */
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function compareInstants(a: string, b: string): number {
  if (a.length === 24 && b.length === 24 && ISO_UTC_MS.test(a) && ISO_UTC_MS.test(b))
    return a < b ? -1 : a > b ? 1 : 0;
  return Date.parse(a) - Date.parse(b);
}

export function compareBillingOrder(a: MeterSample, b: MeterSample): number {
  const byTime = compareInstants(a.sampledAt, b.sampledAt);
  return byTime !== 0 ? byTime : (a.seqNo ?? -1) - (b.seqNo ?? -1);
}

export function inBillingOrder(samples: readonly MeterSample[]): MeterSample[] {
  return [...samples].sort(compareBillingOrder);
}

/** Where `sample` goes in samples already in billing order (after equal ones). */
export function billingOrderIndex(sorted: readonly MeterSample[], sample: MeterSample): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const probe = sorted[middle];
    if (probe !== undefined && compareBillingOrder(probe, sample) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds samples to a list in billing order; a session's new samples usually go at its end. */
export function mergeInBillingOrder(
  sorted: readonly MeterSample[],
  incoming: readonly MeterSample[],
): MeterSample[] {
  const merged = [...sorted];
  for (const sample of inBillingOrder(incoming))
    merged.splice(billingOrderIndex(merged, sample), 0, sample);
  return merged;
}

/**
 * Energy to bill so far, in Wh: the station's meterStop once ended, else the last register
 * in billing order. Never negative: a decreasing or reset register is rejected upstream.
 */
export function billedEnergyWh(state: SessionState): string {
  if (state.status === 'unknown') return '0';
  const finalWh =
    state.status === 'ended' ? state.end.meterStopWh : lastRegisterWh(state.samples, state.start);
  const energyWh = new Decimal(finalWh).minus(state.start.meterStartWh);
  if (energyWh.isNegative()) throw new Error(`negative energy ${energyWh.toFixed()} Wh`);
  return energyWh.toFixed();
}

export function lastRegisterWh(samples: readonly MeterSample[], start: SessionStart): string {
  for (let index = samples.length - 1; index >= 0; index--) {
    const registerWh = samples[index]?.energyRegisterWh;
    if (registerWh !== undefined) return registerWh;
  }
  return start.meterStartWh;
}
