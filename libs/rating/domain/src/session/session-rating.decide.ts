/**
 * Final rating of an ended session, pure and deterministic from the log: the tariff
 * assigned at the session's start (the latest assignment recorded at or before it, to
 * the session's EVSE if it has one, else to the station), that tariff's version valid at
 * the start (tariff-version.resolve.ts), the
 * station's time zone, and the operator's rounding mode in effect at the start (HALF_UP
 * when it never set one). The facts become OCPI charging periods split where a price can
 * change, are rated exactly and settled once. Anything missing or refused by the engine
 * is a refusal with a stable code, never a silent drop. For a known driver, member prices
 * (a driver group's tariff, member-tariff.choose.ts) come before the station's tariff, and
 * the loyalty tier's discount is applied by the engine (loyalty-terms.resolve.ts).
 */
import type { EventData, SessionRatedV1, SessionRatingRefusedV1 } from '@chargeledger/contracts';
import {
  parseTariff,
  rate,
  RatingInputError,
  settle,
  splitIntoChargingPeriods,
  type RoundingMode,
} from '@chargeledger/rating/tariff';
import type { TariffVersionData } from '../tariff/tariff.decider';
import { inEffectAt, tariffVersionAt, type EffectiveFact } from '../tariff/tariff-version.resolve';
import { ratingOptionsOf } from '../tariff/tariff-rating-options';
import { meterFactsOf, type EndedSessionFacts, type OpenSessionFacts } from './session-facts';
import type { MemberFacts } from '../member/member-facts';
import { memberTariffVersion } from '../member/member-tariff.choose';
import { loyaltyAt, loyaltyOptionOf } from '../loyalty/loyalty-terms.resolve';

export interface TariffAssignment extends EffectiveFact {
  readonly tariffId: string;
  /** Assigned to this EVSE of the station only; absent = the whole station. */
  readonly evseId?: number;
}

export interface RoundingSetting extends EffectiveFact {
  readonly roundingMode: RoundingMode;
}

export interface SessionRatingInputs<F extends OpenSessionFacts = EndedSessionFacts> {
  readonly facts: F;
  /** The station's IANA zone; undefined when rating's registry view has no such station. */
  readonly stationTimeZone: string | undefined;
  /** The station's site, when rating's registry view knows it (for site group tariffs). */
  readonly stationSiteId?: string | undefined;
  /** Every tariff assignment recorded for the station. */
  readonly assignments: readonly TariffAssignment[];
  /** Every version of every tariff the assignments name. */
  readonly versions: readonly TariffVersionData[];
  /** Every rounding mode the operator set. */
  readonly roundingSettings: readonly RoundingSetting[];
  /** The session's driver, when its token names one the registry view knows. */
  readonly member?: MemberFacts;
}

export type SessionRatingOutcome =
  | { readonly kind: 'rated'; readonly data: EventData<typeof SessionRatedV1> }
  | { readonly kind: 'refused'; readonly data: EventData<typeof SessionRatingRefusedV1> };

export const DEFAULT_ROUNDING_MODE: RoundingMode = 'HALF_UP';

type RefusalCode = EventData<typeof SessionRatingRefusedV1>['code'];

function sameTariff(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Why no tariff prices a session: every refusal but the engine's own. */
export interface TariffRefusal {
  readonly code: Exclude<RefusalCode, 'RATING.UNRATABLE_SESSION'>;
  readonly detail: string;
  readonly tariffId?: string;
}

/**
 * The tariff assigned where the session charges: the assignment to its EVSE in effect at
 * the start, else the station's; that tariff's version valid then.
 */
function assignedTariffVersion(
  inputs: SessionRatingInputs<OpenSessionFacts>,
): TariffVersionData | TariffRefusal {
  const { facts } = inputs;
  const atEvse = inputs.assignments.filter(
    (a) => a.evseId !== undefined && a.evseId === facts.evseId,
  );
  const atStation = inputs.assignments.filter((a) => a.evseId === undefined);
  const assignment = inEffectAt(atEvse, facts.startedAt) ?? inEffectAt(atStation, facts.startedAt);
  if (assignment === undefined)
    return {
      code: 'RATING.NO_TARIFF_ASSIGNED',
      detail: `station ${facts.stationId} had no tariff assigned at ${facts.startedAt}`,
    };
  const candidates = inputs.versions.filter((v) => sameTariff(v.tariffId, assignment.tariffId));
  return (
    tariffVersionAt(candidates, facts.startedAt) ?? {
      code: 'RATING.NO_TARIFF_VERSION_AT_START',
      detail: `tariff ${assignment.tariffId} has no version valid at ${facts.startedAt}`,
      tariffId: assignment.tariffId,
    }
  );
}

/**
 * The tariff version that prices a session, decided at its start: the station must be
 * known; a member price (a driver group's tariff) comes first, then the tariff assigned
 * to the EVSE or station. The final rating, the running cost, session limits of the
 * `tariff` scope and the hold amount all choose through this one function.
 */
export function sessionTariffVersion(
  inputs: SessionRatingInputs<OpenSessionFacts>,
): { readonly version: TariffVersionData; readonly timeZone: string } | TariffRefusal {
  const { facts, stationTimeZone: timeZone } = inputs;
  if (timeZone === undefined)
    return {
      code: 'RATING.UNKNOWN_STATION',
      detail: `station ${facts.stationId} is not registered`,
    };
  const member = memberTariffVersion(
    inputs.member,
    { stationId: facts.stationId, siteId: inputs.stationSiteId },
    facts.startedAt,
    inputs.versions,
  );
  const version = member ?? assignedTariffVersion(inputs);
  return 'code' in version ? version : { version, timeZone };
}

export function rateEndedSession(inputs: SessionRatingInputs): SessionRatingOutcome {
  const { facts } = inputs;
  const refuse = (code: RefusalCode, detail: string, tariffId?: string): SessionRatingOutcome => ({
    kind: 'refused',
    data: {
      sessionId: facts.sessionId,
      stationId: facts.stationId,
      startedAt: facts.startedAt,
      endedAt: facts.endedAt,
      code,
      detail,
      ...(tariffId === undefined ? {} : { tariffId }),
    },
  });
  const { member } = inputs;
  const chosen = sessionTariffVersion(inputs);
  if ('code' in chosen) return refuse(chosen.code, chosen.detail, chosen.tariffId);
  const { version, timeZone: stationTimeZone } = chosen;
  const roundingMode = inEffectAt(inputs.roundingSettings, facts.startedAt)?.roundingMode;
  const loyalty = loyaltyOptionOf(loyaltyAt(member, facts.startedAt));
  try {
    const tariff = parseTariff(version.tariff);
    const cdr = splitIntoChargingPeriods(meterFactsOf(facts), tariff, stationTimeZone);
    const rated = rate(cdr, tariff, {
      timeZone: stationTimeZone,
      options: {
        ...ratingOptionsOf(version).options,
        ...(loyalty === undefined ? {} : { loyalty }),
      },
    });
    const billable = settle(rated, { roundingMode: roundingMode ?? DEFAULT_ROUNDING_MODE });
    return {
      kind: 'rated',
      data: {
        sessionId: facts.sessionId,
        cdrId: facts.sessionId,
        stationId: facts.stationId,
        ...(facts.tokenRef === undefined ? {} : { tokenRef: facts.tokenRef }),
        startedAt: facts.startedAt,
        endedAt: facts.endedAt,
        tariff: { tariffId: version.tariffId, version: version.version },
        currency: rated.currency,
        chargingPeriods: cdr.charging_periods.map((period) => ({
          start_date_time: new Date(period.start_date_time).toISOString(),
          dimensions: period.dimensions.map((d) => ({ type: d.type, volume: String(d.volume) })),
        })),
        totals: rated.totals,
        billable: { ...billable, lines: [...billable.lines] },
      },
    };
  } catch (error) {
    if (!(error instanceof RatingInputError)) throw error;
    return refuse('RATING.UNRATABLE_SESSION', error.message.slice(0, 2_000), version.tariffId);
  }
}
