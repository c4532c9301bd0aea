/**
 * Assigning a tariff to a driver group: its members' sessions are priced with it, at one
 * registered station or, without a station, at every station of the operator. Every
 * assignment is a fact kept in rating's history (the one in effect at a session's start
 * applies), so assigning again, even the same tariff, is recorded rather than refused.
 */
import type { DriverGroupEvent, DriverGroupState } from './driver-group.decider';
import type { StationState } from '../station/station.decider';
import { refuse } from '../shared/registry-refusal';

export interface AssignGroupTariff {
  readonly groupId: string;
  readonly tariffId: string;
  readonly stationId: string | null;
  readonly station?: StationState;
}

export function assignGroupTariff(
  command: AssignGroupTariff,
  _group: Extract<DriverGroupState, { status: 'active' }>,
): Extract<DriverGroupEvent, { type: 'DriverGroupTariffAssigned' }> {
  const { groupId, tariffId, stationId } = command;
  if (stationId !== null && command.station?.status !== 'registered')
    refuse('REGISTRY.UNKNOWN_STATION', `station ${stationId} is not registered`);
  return { type: 'DriverGroupTariffAssigned', data: { groupId, tariffId, stationId } };
}
