/**
 * Member prices: which tariff version prices a session of a driver in driver groups. The
 * candidates are the tariffs assigned to the groups the driver was in at the session's
 * start, each the assignment in effect at the start per group and scope, in a fixed
 * order of preference: assignments to the session's station before operator-wide ones,
 * then by group id. Each candidate is its version valid at the start; the engine's
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

/** The group tariffs in effect at `instant` at `stationId`, most preferred first. */
export function groupTariffsAt(
  member: MemberFacts,
  stationId: string,
  instant: string,
): GroupTariffAssignment[] {
  const station = canonicalId(stationId);
  const inScope = (groupId: string, atStation: boolean) =>
    inEffectAt(
      member.groupTariffs.filter(
        (a) =>
          a.groupId === groupId &&
          (atStation
            ? a.stationId !== null && canonicalId(a.stationId) === station
            : a.stationId === null),
      ),
      instant,
    );
  const groups = groupsAt(member, instant);
  return [true, false].flatMap((atStation) =>
    groups.flatMap((groupId) => inScope(groupId, atStation) ?? []),
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
  stationId: string,
  startedAt: string,
  versions: readonly TariffVersionData[],
): TariffVersionData | undefined {
  if (member === undefined) return undefined;
  const candidates: { version: TariffVersionData; candidate: TariffCandidate }[] = [];
  for (const assignment of groupTariffsAt(member, stationId, startedAt)) {
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
