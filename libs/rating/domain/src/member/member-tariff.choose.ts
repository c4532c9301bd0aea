/**
 * Member prices: which tariff version prices a session of a driver in driver groups. The
 * candidates are the tariffs assigned to the groups the driver was in at the session's
 * start, each the assignment in effect at the start per group and scope, in a fixed
 * order of preference: assignments to the session's station, then to its site, then
 * operator-wide ones, each by group id. Each candidate is its version valid at the start; the engine's
 * selectTariff takes the first valid one, else the station's own tariff applies
 * (session-rating.decide.ts). So the choice depends on the log only, never on the order
 * facts arrived in.
 */
import { canonicalId } from '@chargeledger/contracts';
import {
  parseTariff,
  RatingInputError,
  selectTariff,
  type TariffCandidate,
} from '@chargeledger/rating/tariff';
import type { TariffVersionData } from '../tariff/tariff.decider';
import { inEffectAt, tariffVersionAt } from '../tariff/tariff-version.resolve';
import type { GroupTariffAssignment, MemberFacts } from './member-facts';

/** The groups the driver belonged to at `instant`, sorted. */
export function groupsAt(member: MemberFacts, instant: string): string[] {
  const groupIds = [...new Set(member.groupChanges.map((change) => change.groupId))];
  return groupIds
    .filter(
      (groupId) =>
        inEffectAt(
          member.groupChanges.filter((change) => change.groupId === groupId),
          instant,
        )?.member === true,
    )
    .sort();
}

/** Where a session charges: its station, and the site of that station when known. */
export interface ChargingPlace {
  readonly stationId: string;
  readonly siteId?: string | undefined;
}

type Scope = 'station' | 'site' | 'operator';

function scopeOf(assignment: GroupTariffAssignment): Scope {
  if (assignment.stationId !== null) return 'station';
  return assignment.siteId !== null ? 'site' : 'operator';
}

/** Whether an assignment of `scope` names the place (an operator-wide one names any). */
function names(assignment: GroupTariffAssignment, scope: Scope, place: ChargingPlace): boolean {
  switch (scope) {
    case 'station':
      return canonicalId(assignment.stationId ?? '') === canonicalId(place.stationId);
    case 'site':
      return (
        place.siteId !== undefined &&
        canonicalId(assignment.siteId ?? '') === canonicalId(place.siteId)
      );
    case 'operator':
      return true;
  }
}

/** The group tariffs in effect at `instant` at the place, most preferred first. */
export function groupTariffsAt(
  member: MemberFacts,
  place: ChargingPlace,
  instant: string,
): GroupTariffAssignment[] {
  const inScope = (groupId: string, scope: Scope) =>
    inEffectAt(
      member.groupTariffs.filter(
        (a) => a.groupId === groupId && scopeOf(a) === scope && names(a, scope, place),
      ),
      instant,
    );
  const groups = groupsAt(member, instant);
  return (['station', 'site', 'operator'] as const).flatMap((scope) =>
    groups.flatMap((groupId) => inScope(groupId, scope) ?? []),
  );
}

function parsedOrUndefined(version: TariffVersionData): TariffCandidate['tariff'] | undefined {
  try {
    return parseTariff(version.tariff);
  } catch (error) {
    if (error instanceof RatingInputError) return undefined;
    throw error;
  }
}

/** The version of the first group tariff valid at the session's start, if any. */
export function memberTariffVersion(
  member: MemberFacts | undefined,
  place: ChargingPlace,
  startedAt: string,
  versions: readonly TariffVersionData[],
): TariffVersionData | undefined {
  if (member === undefined) return undefined;
  const candidates: { version: TariffVersionData; candidate: TariffCandidate }[] = [];
  for (const assignment of groupTariffsAt(member, place, startedAt)) {
    const key = canonicalId(assignment.tariffId);
    const version = tariffVersionAt(
      versions.filter((v) => canonicalId(v.tariffId) === key),
      startedAt,
    );
    const tariff = version === undefined ? undefined : parsedOrUndefined(version);
    if (version !== undefined && tariff !== undefined)
      candidates.push({ version, candidate: { tariff, driverGroup: assignment.groupId } });
  }
  const chosen = selectTariff(
    candidates.map((c) => c.candidate),
    { sessionStart: startedAt, driverGroups: groupsAt(member, startedAt) },
  );
  return candidates.find((c) => c.candidate.tariff === chosen)?.version;
}
