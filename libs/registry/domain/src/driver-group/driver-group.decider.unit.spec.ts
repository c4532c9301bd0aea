import type { DriverState } from '../driver/driver.decider';
import type { StationState } from '../station/station.decider';
import { specOf } from '../testing/given-when-then';
import {
  decideDriverGroup,
  DRIVER_GROUP_MEMBERS_MAX,
  driverGroupInitialState,
  evolveDriverGroup,
  type DriverGroupEvent,
} from './driver-group.decider';

const given = specOf({
  initialState: driverGroupInitialState,
  evolve: evolveDriverGroup,
  decide: decideDriverGroup,
});
const groupId = 'night-shift';
const accountId = '0190c3d2-7b1a-7c4e-9f00-00000000a001';
const driverId = '0190c3d2-7b1a-7c4e-9f00-00000000d001';
const driver: DriverState = { status: 'registered', driverId, accountId };
const created: DriverGroupEvent = { type: 'DriverGroupCreated', data: { groupId } };
const added: DriverGroupEvent = { type: 'DriverAddedToGroup', data: { groupId, driverId } };
const removed: DriverGroupEvent = { type: 'DriverRemovedFromGroup', data: { groupId, driverId } };
const add = { type: 'AddDriverToGroup', groupId, driverId, driver } as const;
const remove = { type: 'RemoveDriverFromGroup', groupId, driverId } as const;
const memberId = (i: number) => `0190c3d2-7b1a-7c4e-9f00-${String(i).padStart(12, '0')}`;

describe('driver group', () => {
  it('is created once', () => {
    given([]).when({ type: 'CreateDriverGroup', groupId }).then([created]);
    given([created])
      .when({ type: 'CreateDriverGroup', groupId })
      .thenRefuses('REGISTRY.DRIVER_GROUP_ALREADY_CREATED');
  });

  it('adds and removes a registered driver', () => {
    given([created]).when(add).then([added]);
    given([created, added]).when(remove).then([removed]);
    given([created, added, removed]).when(add).then([added]);
  });

  it('accepts a driver whose personal data was erased: the pseudonymous id stays', () => {
    const erased: DriverState = { ...driver, status: 'erased', erasedAt: '2026-03-01T10:00:00Z' };
    given([created])
      .when({ ...add, driver: erased })
      .then([added]);
  });

  it('refuses commands on a group that does not exist', () => {
    given([]).when(add).thenRefuses('REGISTRY.DRIVER_GROUP_NOT_FOUND');
    given([]).when(remove).thenRefuses('REGISTRY.DRIVER_GROUP_NOT_FOUND');
  });

  it('refuses an unregistered driver', () => {
    given([created])
      .when({ ...add, driver: { status: 'unregistered' } })
      .thenRefuses('REGISTRY.UNKNOWN_DRIVER');
  });

  it('refuses adding a member twice and removing a non-member', () => {
    given([created, added]).when(add).thenRefuses('REGISTRY.DRIVER_ALREADY_IN_GROUP');
    given([created]).when(remove).thenRefuses('REGISTRY.DRIVER_NOT_IN_GROUP');
  });

  it(`refuses a member beyond ${DRIVER_GROUP_MEMBERS_MAX}`, () => {
    const full: DriverGroupEvent[] = Array.from({ length: DRIVER_GROUP_MEMBERS_MAX }, (_, i) => ({
      type: 'DriverAddedToGroup',
      data: { groupId, driverId: memberId(i + 10_000) },
    }));
    given([created, ...full])
      .when(add)
      .thenRefuses('REGISTRY.DRIVER_GROUP_FULL');
  });

  it('keeps members sorted, whatever order they joined in', () => {
    const [a, b] = [memberId(2), memberId(1)];
    const events: DriverGroupEvent[] = [
      created,
      { type: 'DriverAddedToGroup', data: { groupId, driverId: a } },
      { type: 'DriverAddedToGroup', data: { groupId, driverId: b } },
    ];
    const state = events.reduce(evolveDriverGroup, driverGroupInitialState);
    expect(state).toEqual({ status: 'active', groupId, driverIds: [b, a] });
  });
});

describe('driver group tariff', () => {
  const station: StationState = {
    status: 'registered',
    stationId: 'CP-1',
    siteId: 'site-1',
    ocppVersion: '2.0.1',
    timeZone: 'Europe/Paris',
    evses: [],
    credentialsRef: 'station-CP-1',
    tariffId: null,
    evseTariffs: {},
  };
  const assign = {
    type: 'AssignDriverGroupTariff',
    groupId,
    tariffId: 'MEMBER',
    stationId: null,
    siteId: null,
  } as const;
  const assigned = (stationId: string | null, siteId: string | null = null): DriverGroupEvent => ({
    type: 'DriverGroupTariffAssigned',
    data: { groupId, tariffId: 'MEMBER', stationId, siteId },
  });
  const site = {
    status: 'registered',
    siteId: 'depot',
    name: 'Depot',
    countryCode: 'NL',
    timeZone: 'Europe/Amsterdam',
  } as const;

  it('assigns a tariff at every station, at one registered station, or at one registered site', () => {
    given([created])
      .when(assign)
      .then([assigned(null)]);
    given([created])
      .when({ ...assign, stationId: 'CP-1', station })
      .then([assigned('CP-1')]);
    given([created])
      .when({ ...assign, siteId: 'depot', site })
      .then([assigned(null, 'depot')]);
  });

  it('records a repeated assignment: rating keeps the history', () => {
    given([created, assigned(null)])
      .when(assign)
      .then([assigned(null)]);
  });

  it('refuses a group that does not exist, a station or site that is not registered, and both at once', () => {
    given([]).when(assign).thenRefuses('REGISTRY.DRIVER_GROUP_NOT_FOUND');
    given([created])
      .when({ ...assign, stationId: 'CP-9', station: { status: 'unregistered' } })
      .thenRefuses('REGISTRY.UNKNOWN_STATION');
    given([created])
      .when({ ...assign, siteId: 'nowhere', site: { status: 'unregistered' } })
      .thenRefuses('REGISTRY.UNKNOWN_SITE');
    given([created])
      .when({ ...assign, stationId: 'CP-1', station, siteId: 'depot', site })
      .thenRefuses('REGISTRY.GROUP_TARIFF_SCOPE_AMBIGUOUS');
  });
});
