/**
 * The tariff version that prices a session, as the final rating chooses it
 * (session-rating.decide.ts): the tariff assigned to the station at the start, its
 * version valid then. Limits of the `tariff` scope and the hold amount need it before
 * the session ends; undefined when the final rating would refuse for want of it.
 */
import type { OpenSessionFacts } from '../session/session-facts';
import type { SessionRatingInputs } from '../session/session-rating.decide';
import type { TariffVersionData } from '../tariff/tariff.decider';
import { inEffectAt, tariffVersionAt } from '../tariff/tariff-version.resolve';

export interface SessionTariff {
  /** As the assignment names it. */
  readonly tariffId: string;
  readonly version: TariffVersionData | undefined;
}

export function sessionTariffOf(
  inputs: SessionRatingInputs<OpenSessionFacts>,
): SessionTariff | undefined {
  const { startedAt } = inputs.facts;
  if (inputs.stationTimeZone === undefined) return undefined;
  const assignment = inEffectAt(inputs.assignments, startedAt);
  if (assignment === undefined) return undefined;
  const key = assignment.tariffId.toLowerCase();
  const versions = inputs.versions.filter((v) => v.tariffId.toLowerCase() === key);
  return { tariffId: assignment.tariffId, version: tariffVersionAt(versions, startedAt) };
}
