/**
 * Assigning a tariff to a driver group: its members' sessions are priced with it, at one
 * registered station, at every station of one registered site, or, with neither, at every
 * station of the operator. Every
 * assignment is a fact kept in rating's history (the one in effect at a session's start
 * applies), so assigning again, even the same tariff, is recorded rather than refused.
 */
import type { DriverGroupEvent, DriverGroupState } from './driver-group.decider';
import type { SiteState } from '../site/site.decider';
import type { StationState } from '../station/station.decider';
import { refuse } from '../shared/registry-refusal';

export interface AssignGroupTariff {
  readonly groupId: string;
  readonly tariffId: string;
  /** The one station it applies at, or null. */
  readonly stationId: string | null;
  /** The named station as the registry knows it (absent when stationId is null). */
  readonly station?: StationState;
  /** The site at whose stations it applies, or null; never with a station. */
  readonly siteId: string | null;
  /** The named site as the registry knows it (absent when siteId is null). */
  readonly site?: SiteState;
}

export function assignGroupTariff(
  command: AssignGroupTariff,
  _group: Extract<DriverGroupState, { status: 'active' }>,
): Extract<DriverGroupEvent, { type: 'DriverGroupTariffAssigned' }> {
  const { groupId, tariffId, stationId, siteId } = command;
  if (stationId !== null && siteId !== null)
    refuse(
      'REGISTRY.GROUP_TARIFF_SCOPE_AMBIGUOUS',
      `a group tariff applies at station ${stationId} or at site ${siteId}, not both`,
    );
  if (stationId !== null && command.station?.status !== 'registered')
    refuse('REGISTRY.UNKNOWN_STATION', `station ${stationId} is not registered`);
  if (siteId !== null && command.site?.status !== 'registered')
    refuse('REGISTRY.UNKNOWN_SITE', `site ${siteId} is not registered`);
  return { type: 'DriverGroupTariffAssigned', data: { groupId, tariffId, stationId, siteId } };
}
