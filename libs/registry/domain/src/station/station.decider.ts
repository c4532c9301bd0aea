/**
 * Station: a charger at a site, with its EVSEs and connectors (power type and maximum
 * power each), OCPP version, IANA time zone, a reference to its NATS credentials, the
 * tariff assigned to it and any tariff assigned to one of its EVSEs (which applies there
 * instead). Pure decider.
 */
import { z } from 'zod';
import {
  evseSpec,
  ianaTimeZoneName,
  ocppVersion,
  registryExternalId,
  type EventData,
  type EvseTariffAssignedV1,
  type StationRegisteredV1,
  type StationTariffAssignedV1,
} from '@chargeledger/contracts';
import { assertNever } from '../shared/assert-never';
import { refuse } from '../shared/registry-refusal';
import { canonicalTimeZone } from '../shared/time-zone';
import type { SiteState } from '../site/site.decider';

export const stationStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unregistered') }),
  z.strictObject({
    status: z.literal('registered'),
    stationId: registryExternalId,
    siteId: registryExternalId,
    ocppVersion,
    timeZone: ianaTimeZoneName,
    evses: z.array(evseSpec),
    credentialsRef: z.string(),
    tariffId: z.string().nullable(),
    /** EVSE id (as text, a JSON key) → the tariff assigned to that EVSE. */
    evseTariffs: z.record(z.string(), z.string()).default({}),
  }),
]);
export type StationState = z.infer<typeof stationStateSchema>;
export type Evse = z.infer<typeof evseSpec>;

export type StationEvent =
  | { readonly type: 'StationRegistered'; readonly data: EventData<typeof StationRegisteredV1> }
  | {
      readonly type: 'StationTariffAssigned';
      readonly data: EventData<typeof StationTariffAssignedV1>;
    }
  | {
      readonly type: 'EvseTariffAssigned';
      readonly data: EventData<typeof EvseTariffAssignedV1>;
    };

export type StationCommand =
  | {
      readonly type: 'RegisterStation';
      readonly stationId: string;
      readonly siteId: string;
      readonly ocppVersion: '1.6' | '2.0.1';
      readonly timeZone: string;
      readonly evses: readonly Evse[];
      readonly credentialsRef: string;
      /** The referenced site as the registry knows it. */
      readonly site: SiteState;
    }
  | { readonly type: 'AssignStationTariff'; readonly stationId: string; readonly tariffId: string }
  | {
      readonly type: 'AssignEvseTariff';
      readonly stationId: string;
      readonly evseId: number;
      readonly tariffId: string;
    };

export const stationInitialState: StationState = { status: 'unregistered' };

export function evolveStation(state: StationState, event: StationEvent): StationState {
  switch (event.type) {
    case 'StationRegistered':
      return { status: 'registered', ...event.data, tariffId: null, evseTariffs: {} };
    case 'StationTariffAssigned':
      // A projection never rejects a recorded fact; an impossible order leaves state as is.
      return state.status === 'registered' ? { ...state, tariffId: event.data.tariffId } : state;
    case 'EvseTariffAssigned': {
      if (state.status !== 'registered') return state;
      const { evseId, tariffId } = event.data;
      return { ...state, evseTariffs: { ...state.evseTariffs, [String(evseId)]: tariffId } };
    }
    default:
      return assertNever(event);
  }
}

export function decideStation(command: StationCommand, state: StationState): StationEvent[] {
  switch (command.type) {
    case 'RegisterStation':
      return [registerStation(command, state)];
    case 'AssignStationTariff': {
      if (state.status !== 'registered')
        refuse('REGISTRY.STATION_NOT_FOUND', `station ${command.stationId} is not registered`);
      if (state.tariffId === command.tariffId)
        refuse('REGISTRY.TARIFF_ALREADY_ASSIGNED', `tariff ${command.tariffId} already applies`);
      const { stationId, tariffId } = command;
      return [{ type: 'StationTariffAssigned', data: { stationId, tariffId } }];
    }
    case 'AssignEvseTariff': {
      const { stationId, evseId, tariffId } = command;
      if (state.status !== 'registered')
        refuse('REGISTRY.STATION_NOT_FOUND', `station ${stationId} is not registered`);
      if (!state.evses.some((evse) => evse.evseId === evseId))
        refuse('REGISTRY.UNKNOWN_EVSE', `station ${stationId} has no EVSE ${evseId}`);
      if (state.evseTariffs[String(evseId)] === tariffId)
        refuse('REGISTRY.TARIFF_ALREADY_ASSIGNED', `tariff ${tariffId} already applies`);
      return [{ type: 'EvseTariffAssigned', data: { stationId, evseId, tariffId } }];
    }
    default:
      return assertNever(command);
  }
}

function registerStation(
  command: Extract<StationCommand, { type: 'RegisterStation' }>,
  state: StationState,
): StationEvent {
  if (state.status !== 'unregistered')
    refuse('REGISTRY.STATION_ALREADY_REGISTERED', `station ${command.stationId} exists`);
  if (command.site.status !== 'registered')
    refuse('REGISTRY.UNKNOWN_SITE', `site ${command.siteId} is not registered`);
  const timeZone =
    canonicalTimeZone(command.timeZone) ??
    refuse('REGISTRY.INVALID_TIME_ZONE', `${command.timeZone} is not an IANA time zone`);
  const evseIds = command.evses.map((evse) => evse.evseId);
  if (new Set(evseIds).size !== evseIds.length)
    refuse('REGISTRY.DUPLICATE_EVSE_ID', `EVSE ids must be unique: ${evseIds.join(', ')}`);
  for (const evse of command.evses) {
    const connectorIds = evse.connectors.map((c) => c.connectorId);
    if (new Set(connectorIds).size !== connectorIds.length)
      refuse('REGISTRY.DUPLICATE_CONNECTOR_ID', `EVSE ${evse.evseId} repeats a connector id`);
  }
  const { stationId, siteId, ocppVersion: version, credentialsRef } = command;
  return {
    type: 'StationRegistered',
    data: {
      stationId,
      siteId,
      ocppVersion: version,
      timeZone,
      evses: command.evses.map((evse) => ({ ...evse, connectors: [...evse.connectors] })),
      credentialsRef,
    },
  };
}
