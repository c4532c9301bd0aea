/**
 * Driver group: a named set of drivers an operator prices or reports on together (e.g. a
 * depot's night shift). Events carry ids only. Membership is kept sorted, so the state
 * (and the projection storing it) does not depend on the order commands arrived in, and
 * it is bounded: the whole group is one row.
 */
import { z } from 'zod';
import {
  pseudonymousId,
  registryExternalId,
  type DriverAddedToGroupV1,
  type DriverGroupCreatedV1,
  type DriverGroupTariffAssignedV2,
  type DriverRemovedFromGroupV1,
  type EventData,
} from '@chargeledger/contracts';
import type { DriverState } from '../driver/driver.decider';
import { assertNever } from '../shared/assert-never';
import { refuse } from '../shared/registry-refusal';
import { assignGroupTariff, type AssignGroupTariff } from './driver-group-tariff.decide';

export const DRIVER_GROUP_MEMBERS_MAX = 1_000;

export const driverGroupStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('uncreated') }),
  z.strictObject({
    status: z.literal('active'),
    groupId: registryExternalId,
    driverIds: z.array(pseudonymousId).max(DRIVER_GROUP_MEMBERS_MAX),
  }),
]);
export type DriverGroupState = z.infer<typeof driverGroupStateSchema>;

export type DriverGroupEvent =
  | { readonly type: 'DriverGroupCreated'; readonly data: EventData<typeof DriverGroupCreatedV1> }
  | { readonly type: 'DriverAddedToGroup'; readonly data: EventData<typeof DriverAddedToGroupV1> }
  | {
      readonly type: 'DriverRemovedFromGroup';
      readonly data: EventData<typeof DriverRemovedFromGroupV1>;
    }
  | {
      readonly type: 'DriverGroupTariffAssigned';
      readonly data: EventData<typeof DriverGroupTariffAssignedV2>;
    };

export type DriverGroupCommand =
  | { readonly type: 'CreateDriverGroup'; readonly groupId: string }
  | {
      readonly type: 'AddDriverToGroup';
      readonly groupId: string;
      readonly driverId: string;
      /** The driver as the registry knows it. */
      readonly driver: DriverState;
    }
  | { readonly type: 'RemoveDriverFromGroup'; readonly groupId: string; readonly driverId: string }
  | ({ readonly type: 'AssignDriverGroupTariff' } & AssignGroupTariff);

export const driverGroupInitialState: DriverGroupState = { status: 'uncreated' };

export function evolveDriverGroup(
  state: DriverGroupState,
  event: DriverGroupEvent,
): DriverGroupState {
  switch (event.type) {
    case 'DriverGroupCreated':
      return { status: 'active', groupId: event.data.groupId, driverIds: [] };
    case 'DriverAddedToGroup':
      if (state.status === 'uncreated') return state;
      return { ...state, driverIds: [...state.driverIds, event.data.driverId].sort() };
    case 'DriverRemovedFromGroup':
      if (state.status === 'uncreated') return state;
      return { ...state, driverIds: state.driverIds.filter((id) => id !== event.data.driverId) };
    case 'DriverGroupTariffAssigned':
      // Rating keeps the assignments as a history; the group itself is unchanged.
      return state;
    default:
      return assertNever(event);
  }
}

export function decideDriverGroup(
  command: DriverGroupCommand,
  state: DriverGroupState,
): DriverGroupEvent[] {
  switch (command.type) {
    case 'CreateDriverGroup':
      if (state.status !== 'uncreated')
        refuse('REGISTRY.DRIVER_GROUP_ALREADY_CREATED', `group ${command.groupId} exists`);
      return [{ type: 'DriverGroupCreated', data: { groupId: command.groupId } }];
    case 'AddDriverToGroup': {
      const group = existing(state, command.groupId);
      if (command.driver.status === 'unregistered')
        refuse('REGISTRY.UNKNOWN_DRIVER', `driver ${command.driverId} is not registered`);
      if (group.driverIds.includes(command.driverId))
        refuse('REGISTRY.DRIVER_ALREADY_IN_GROUP', `driver is in group ${command.groupId}`);
      if (group.driverIds.length >= DRIVER_GROUP_MEMBERS_MAX)
        refuse('REGISTRY.DRIVER_GROUP_FULL', `a group holds at most ${DRIVER_GROUP_MEMBERS_MAX}`);
      const { groupId, driverId } = command;
      return [{ type: 'DriverAddedToGroup', data: { groupId, driverId } }];
    }
    case 'RemoveDriverFromGroup': {
      const group = existing(state, command.groupId);
      if (!group.driverIds.includes(command.driverId))
        refuse('REGISTRY.DRIVER_NOT_IN_GROUP', `driver is not in group ${command.groupId}`);
      const { groupId, driverId } = command;
      return [{ type: 'DriverRemovedFromGroup', data: { groupId, driverId } }];
    }
    case 'AssignDriverGroupTariff':
      return [assignGroupTariff(command, existing(state, command.groupId))];
    default:
      return assertNever(command);
  }
}

function existing(
  state: DriverGroupState,
  groupId: string,
): Extract<DriverGroupState, { status: 'active' }> {
  if (state.status === 'uncreated')
    refuse('REGISTRY.DRIVER_GROUP_NOT_FOUND', `group ${groupId} does not exist`);
  return state;
}
