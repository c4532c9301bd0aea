/**
 * Re-rating of a rated session, pure: the latest effective CDR is credited (credit-cdr.ts)
 * and the session is rated again by the same decision as its first rating
 * (rateEndedSession: same facts → periods → rate → settle once, same rounding mode), on a
 * basis that carries every correction made so far: the tariff version of the latest CDR
 * unless the correction names another, the operator's corrected meter samples once one
 * was made, and the session's facts through the last late fact taken in.
 *
 * - `decideReRating`: an operator's correction. Corrected samples must be ascending,
 *   strictly inside the session and non-decreasing between its meter start and stop; a
 *   tariff version must exist and be in the session's currency; each bad field is named.
 *   A correction made against a CDR that is no longer the latest is a conflict.
 * - `decideLateFact`: a fact ingestion recorded after the session was rated. Within the
 *   window (recorded less than `windowMs` after the rating, by the events' times) it
 *   re-rates with reason LATE_FACTS; otherwise, or when an operator's meter correction
 *   stands, the session was never rated, the engine refuses, or the price is unchanged,
 *   it is declined with a code. Either way it is an event: nothing is dropped and
 *   nothing is edited.
 *
 * The corrected CDR's id is UUIDv5(session id, correction number): 36 characters, the
 * most OCPI allows a non-credit CDR.
 */
import Decimal from 'decimal.js';
import {
  derivedEventId,
  type EventData,
  type SessionReRatedV1,
  type SessionReRatingDeclinedV1,
} from '@chargeledger/contracts';
import { RatingRefusal, type FieldError } from '../shared/rating-refusal';
import type { EndedSessionFacts } from '../session/session-facts';
import { loyaltyCreditFor, withLoyaltyCredit } from '../loyalty/loyalty-credit.apply';
import { rateEndedSession, type SessionRatingInputs } from '../session/session-rating.decide';
import { creditOf, deltaOf, type RatedCdr } from './credit-cdr';
import type {
  CorrectedSample,
  RatedSessionState,
  SessionRatingState,
} from './session-rating.history';

type ReRated = EventData<typeof SessionReRatedV1>;
type Declined = EventData<typeof SessionReRatingDeclinedV1>;
export type ReRatingReason = Exclude<ReRated['reason'], 'LATE_FACTS'>;
export type OperatorCorrection = Exclude<ReRated['correction'], { kind: 'LATE_FACTS' }>;

export interface ReRateSession {
  readonly sessionId: string;
  readonly reason: ReRatingReason;
  readonly reference?: string;
  readonly correction: OperatorCorrection;
  /** The CDR the operator corrects; refused when another correction replaced it since. */
  readonly expectedCdrId?: string;
}

export interface LateFact {
  readonly eventId: string;
  /** When ingestion recorded it (its envelope time). */
  readonly recordedAt: string;
}

/** What a re-rating of a session that used loyalty credit does to that use. */
export interface LoyaltyCreditUseChange {
  /**
   * The credit the session's use comes down to when the corrected bill takes less than
   * the session used: the rest is the member's again, for later bills. Undefined when
   * the session used none or the corrected bill takes all of it.
   */
  readonly loyaltyCreditUseLoweredTo: string | undefined;
}

export interface ReRatingDecision extends LoyaltyCreditUseChange {
  readonly reRated: ReRated;
}

export type LateFactOutcome =
  | ({ readonly kind: 'reRated'; readonly data: ReRated } & LoyaltyCreditUseChange)
  | { readonly kind: 'declined'; readonly data: Declined };

interface Basis {
  readonly tariff: RatedCdr['tariff'];
  readonly samples: readonly CorrectedSample[] | undefined;
}

type Rating =
  | ({ readonly kind: 'rated'; readonly cdr: RatedCdr } & LoyaltyCreditUseChange)
  | { readonly kind: 'refused'; readonly detail: string };

const sameTariff = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function correctedCdrIdOf(sessionId: string, correction: number): string {
  return derivedEventId(sessionId, 'CorrectedCdr', correction);
}

function withSamples(
  facts: EndedSessionFacts,
  samples: readonly CorrectedSample[] | undefined,
): EndedSessionFacts {
  if (samples === undefined) return facts;
  const other = facts.samples.filter((s) => s.energyRegisterWh === undefined);
  return { ...facts, samples: [...other, ...samples] };
}

/** The session rated on `basis` by the first rating's own decision, as its next CDR. */
/** What a re-rating decides on: the rating's inputs, and the credit the session took. */
export interface ReRatingInputs extends SessionRatingInputs {
  /**
   * The loyalty credit (excl. VAT, the session's currency) its first bill took. The credit
   * CDR gives it back with the rest of that bill, so the corrected bill takes it again, as
   * far as the corrected bill allows (never below zero).
   */
  readonly loyaltyCreditUsed?: string | undefined;
}

function rateOn(state: RatedSessionState, inputs: ReRatingInputs, basis: Basis): Rating {
  const version = inputs.versions.find(
    (v) => sameTariff(v.tariffId, basis.tariff.tariffId) && v.version === basis.tariff.version,
  );
  if (version === undefined)
    return {
      kind: 'refused',
      detail: `tariff ${basis.tariff.tariffId} has no version ${basis.tariff.version}`,
    };
  const facts = withSamples(inputs.facts, basis.samples);
  const outcome = rateEndedSession({
    ...inputs,
    facts,
    assignments: [{ tariffId: version.tariffId, effectiveFrom: facts.startedAt, sequence: 0 }],
    versions: [{ ...version, validFrom: facts.startedAt, validTo: null }],
  });
  if (outcome.kind === 'refused') return { kind: 'refused', detail: outcome.data.detail };
  const cdr = { ...outcome.data, cdrId: correctedCdrIdOf(facts.sessionId, state.corrections + 1) };
  const used = inputs.loyaltyCreditUsed;
  const credit = used === undefined ? undefined : loyaltyCreditFor(cdr, new Decimal(used));
  const taken = new Decimal(credit ?? 0);
  return {
    kind: 'rated',
    cdr: credit === undefined ? cdr : withLoyaltyCredit(cdr, credit),
    loyaltyCreditUseLoweredTo:
      used !== undefined && taken.lessThan(used)
        ? taken.toFixed(cdr.billable.minor_unit_digits)
        : undefined,
  };
}

function reRated(
  state: RatedSessionState,
  corrected: RatedCdr,
  fields: Pick<ReRated, 'reason' | 'correction'> & { reference?: string | undefined },
): ReRated {
  return {
    sessionId: state.current.sessionId,
    reason: fields.reason,
    ...(fields.reference === undefined ? {} : { reference: fields.reference }),
    correction: fields.correction,
    credit: creditOf(state.current),
    corrected,
    delta: deltaOf(state.current, corrected),
  };
}

function sampleErrors(facts: EndedSessionFacts, samples: readonly CorrectedSample[]): FieldError[] {
  const [startMs, endMs] = [Date.parse(facts.startedAt), Date.parse(facts.endedAt)];
  const errors: FieldError[] = [];
  let previous = { ms: startMs, wh: new Decimal(facts.meterStartWh) };
  for (const [index, sample] of samples.entries()) {
    const path = `correction.samples[${index}]`;
    const ms = Date.parse(sample.sampledAt);
    const wh = new Decimal(sample.energyRegisterWh);
    if (ms <= startMs || ms >= endMs)
      errors.push({
        path: `${path}.sampledAt`,
        message: `must be inside the session, after ${facts.startedAt} and before ${facts.endedAt}`,
      });
    else if (index > 0 && ms <= previous.ms)
      errors.push({ path: `${path}.sampledAt`, message: 'must be after the previous sample' });
    if (wh.lessThan(previous.wh))
      errors.push({
        path: `${path}.energyRegisterWh`,
        message: `must not be below ${previous.wh.toFixed()} Wh (the meter start or the previous sample)`,
      });
    else if (wh.greaterThan(facts.meterStopWh))
      errors.push({
        path: `${path}.energyRegisterWh`,
        message: `must not be above the meter stop, ${facts.meterStopWh} Wh`,
      });
    previous = { ms: Math.max(ms, previous.ms), wh: Decimal.max(wh, previous.wh) };
  }
  return errors;
}

function tariffErrors(
  state: RatedSessionState,
  inputs: SessionRatingInputs,
  tariff: RatedCdr['tariff'],
): FieldError[] {
  const versions = inputs.versions.filter((v) => sameTariff(v.tariffId, tariff.tariffId));
  if (versions.length === 0)
    return [{ path: 'correction.tariffId', message: `no tariff ${tariff.tariffId} is published` }];
  const version = versions.find((v) => v.version === tariff.version);
  if (version === undefined)
    return [
      {
        path: 'correction.version',
        message: `tariff ${tariff.tariffId} has versions 1 to ${Math.max(...versions.map((v) => v.version))}`,
      },
    ];
  if (version.currency !== state.current.currency)
    return [
      {
        path: 'correction.tariffId',
        message: `tariff ${tariff.tariffId} is priced in ${version.currency}, the session in ${state.current.currency}`,
      },
    ];
  return [];
}

/**
 * An operator's correction of a rated session. `inputs.facts` are the facts the latest
 * CDR was rated from; `inputs.versions` hold every version of the tariff a correction
 * names. Throws a RatingRefusal: SESSION_NOT_FOUND (not rated), RE_RATING_CONFLICT,
 * INVALID_CORRECTION or UNRATABLE_CORRECTION (with the field at fault).
 */
export function decideReRating(
  state: SessionRatingState,
  command: ReRateSession,
  inputs: ReRatingInputs,
): ReRatingDecision {
  if (state.status !== 'rated')
    throw new RatingRefusal(
      'RATING.SESSION_NOT_FOUND',
      `session ${command.sessionId} has no rating to correct`,
    );
  if (command.expectedCdrId !== undefined && command.expectedCdrId !== state.current.cdrId)
    throw new RatingRefusal(
      'RATING.RE_RATING_CONFLICT',
      `the session's latest CDR is ${state.current.cdrId}, not ${command.expectedCdrId}: it was corrected since`,
    );
  const { correction } = command;
  const basis: Basis =
    correction.kind === 'METER_DATA'
      ? { tariff: state.current.tariff, samples: correction.samples }
      : {
          tariff: { tariffId: correction.tariffId, version: correction.version },
          samples: state.meterSamples,
        };
  const errors =
    correction.kind === 'METER_DATA'
      ? sampleErrors(inputs.facts, correction.samples)
      : tariffErrors(state, inputs, basis.tariff);
  if (errors.length > 0)
    throw new RatingRefusal('RATING.INVALID_CORRECTION', 'the correction is invalid', errors);
  const rating = rateOn(state, inputs, basis);
  if (rating.kind === 'refused')
    throw new RatingRefusal('RATING.UNRATABLE_CORRECTION', rating.detail, [
      { path: 'correction', message: rating.detail },
    ]);
  return {
    reRated: reRated(state, rating.cdr, command),
    loyaltyCreditUseLoweredTo: rating.loyaltyCreditUseLoweredTo,
  };
}

const samePrice = (a: RatedCdr, b: RatedCdr): boolean =>
  JSON.stringify([a.totals, a.billable]) === JSON.stringify([b.totals, b.billable]);

/**
 * A session fact recorded after the session was rated. `inputs.facts` are the session's
 * facts through that fact; `windowMs` is the re-rating window from the rating.
 */
export function decideLateFact(
  state: SessionRatingState,
  fact: LateFact,
  inputs: ReRatingInputs,
  windowMs: number,
): LateFactOutcome {
  const decline = (code: Declined['code'], detail: string): LateFactOutcome => ({
    kind: 'declined',
    data: {
      sessionId: inputs.facts.sessionId,
      factEventId: fact.eventId,
      code,
      detail,
      ...(state.status === 'rated' ? { cdrId: state.current.cdrId } : {}),
    },
  });
  if (state.status !== 'rated')
    return decline('RATING.SESSION_NOT_RATED', 'the session was refused a rating');
  const elapsedMs = Date.parse(fact.recordedAt) - Date.parse(state.ratedAt);
  if (elapsedMs >= windowMs)
    return decline(
      'RATING.RE_RATING_WINDOW_CLOSED',
      `recorded ${fact.recordedAt}, ${Math.round(elapsedMs / 1_000)} s after the rating at ${state.ratedAt}; the window is ${windowMs / 1_000} s`,
    );
  if (state.meterSamples !== undefined)
    return decline(
      'RATING.METER_DATA_CORRECTED',
      "an operator's correction of the meter samples stands in place of the recorded ones",
    );
  const rating = rateOn(state, inputs, { tariff: state.current.tariff, samples: undefined });
  if (rating.kind === 'refused') return decline('RATING.UNRATABLE_SESSION', rating.detail);
  if (samePrice(rating.cdr, state.current))
    return decline(
      'RATING.PRICE_UNCHANGED',
      `the fact leaves CDR ${state.current.cdrId} as priced`,
    );
  return {
    kind: 'reRated',
    data: reRated(state, rating.cdr, {
      reason: 'LATE_FACTS',
      correction: { kind: 'LATE_FACTS', factEventId: fact.eventId },
    }),
    loyaltyCreditUseLoweredTo: rating.loyaltyCreditUseLoweredTo,
  };
}
