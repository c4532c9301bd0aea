import type { SiteState } from '../site/site.decider';
import { specOf } from '../testing/given-when-then';
import {
  decideStation,
  evolveStation,
  stationInitialState,
  type StationCommand,
  type StationEvent,
} from './station.decider';

const given = specOf({
  initialState: stationInitialState,
  evolve: evolveStation,
  decide: decideStation,
});
const site: SiteState = {
  status: 'registered',
  siteId: 'depot-1',
  name: 'Harbour depot',
  countryCode: 'DK',
  timeZone: 'Europe/Copenhagen',
};
const evses = [
  {
    evseId: 1,
    connectors: [
      { connectorId: 1, powerType: 'AC_3_PHASE', maxPowerW: 22_000 },
      { connectorId: 2, powerType: 'DC', maxPowerW: 150_000 },
    ],
  },
] as const;
const register: Extract<StationCommand, { type: 'RegisterStation' }> = {
  type: 'RegisterStation',
  stationId: 'CP-01',
  siteId: 'depot-1',
  ocppVersion: '2.0.1',
  timeZone: 'Europe/Copenhagen',
  evses: evses.map((e) => ({ ...e, connectors: [...e.connectors] })),
  credentialsRef: 'stations/cp-01',
  site,
};
const registered: StationEvent = {
  type: 'StationRegistered',
  data: {
    stationId: 'CP-01',
    siteId: 'depot-1',
    ocppVersion: '2.0.1',
    timeZone: 'Europe/Copenhagen',
    evses: evses.map((e) => ({ ...e, connectors: [...e.connectors] })),
    credentialsRef: 'stations/cp-01',
  },
};
const assign = { type: 'AssignStationTariff', stationId: 'CP-01', tariffId: 'T-DAY' } as const;
const assigned: StationEvent = {
  type: 'StationTariffAssigned',
  data: { stationId: 'CP-01', tariffId: 'T-DAY' },
};

describe('station', () => {
  it('registers a station at a registered site', () => {
    given([]).when(register).then([registered]);
  });

  it('refuses a station id that is already registered', () => {
    given([registered]).when(register).thenRefuses('REGISTRY.STATION_ALREADY_REGISTERED');
  });

  it('refuses a site that is not registered', () => {
    given([])
      .when({ ...register, site: { status: 'unregistered' } })
      .thenRefuses('REGISTRY.UNKNOWN_SITE');
  });

  it('refuses a zone Intl does not know', () => {
    given([])
      .when({ ...register, timeZone: 'Europe/Atlantis' })
      .thenRefuses('REGISTRY.INVALID_TIME_ZONE');
  });

  it('refuses two EVSEs with one id', () => {
    const evse = register.evses[0];
    if (evse === undefined) throw new Error('fixture has an EVSE');
    given([])
      .when({ ...register, evses: [evse, evse] })
      .thenRefuses('REGISTRY.DUPLICATE_EVSE_ID');
  });

  it('refuses two connectors with one id on an EVSE', () => {
    const connector = { connectorId: 1, powerType: 'DC', maxPowerW: 50_000 } as const;
    given([])
      .when({ ...register, evses: [{ evseId: 1, connectors: [connector, connector] }] })
      .thenRefuses('REGISTRY.DUPLICATE_CONNECTOR_ID');
  });

  it('assigns a tariff, then another', () => {
    given([registered]).when(assign).then([assigned]);
    given([registered, assigned])
      .when({ ...assign, tariffId: 'T-NIGHT' })
      .then([{ type: 'StationTariffAssigned', data: { stationId: 'CP-01', tariffId: 'T-NIGHT' } }]);
  });

  it('refuses a tariff for a station that is not registered', () => {
    given([]).when(assign).thenRefuses('REGISTRY.STATION_NOT_FOUND');
  });

  it('refuses to assign the tariff that already applies', () => {
    given([registered, assigned]).when(assign).thenRefuses('REGISTRY.TARIFF_ALREADY_ASSIGNED');
  });

  const assignEvse = {
    type: 'AssignEvseTariff',
    stationId: 'CP-01',
    evseId: 1,
    tariffId: 'T-DC',
  } as const;
  const evseAssigned: StationEvent = {
    type: 'EvseTariffAssigned',
    data: { stationId: 'CP-01', evseId: 1, tariffId: 'T-DC' },
  };

  it('assigns a tariff to one EVSE, apart from the station tariff', () => {
    given([registered, assigned]).when(assignEvse).then([evseAssigned]);
    given([registered, assigned, evseAssigned])
      .when({ ...assignEvse, tariffId: 'T-DAY' })
      .then([{ ...evseAssigned, data: { ...evseAssigned.data, tariffId: 'T-DAY' } }]);
  });

  it('refuses an EVSE tariff for an EVSE the station does not have, or one that applies', () => {
    given([registered])
      .when({ ...assignEvse, evseId: 2 })
      .thenRefuses('REGISTRY.UNKNOWN_EVSE');
    given([]).when(assignEvse).thenRefuses('REGISTRY.STATION_NOT_FOUND');
    given([registered, evseAssigned])
      .when(assignEvse)
      .thenRefuses('REGISTRY.TARIFF_ALREADY_ASSIGNED');
  });
});
