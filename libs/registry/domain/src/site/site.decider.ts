/**
 * Site: a location that groups stations, with its country and IANA time zone. Pure
 * decider: state from events (`evolve`), new events from a command (`decide`).
 */
import { z } from 'zod';
import {
  countryCode,
  ianaTimeZoneName,
  registryExternalId,
  type EventData,
  type SiteRegisteredV1,
} from '@chargeledger/contracts';
import { refuse } from '../shared/registry-refusal';
import { canonicalTimeZone } from '../shared/time-zone';

export const siteStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unregistered') }),
  z.strictObject({
    status: z.literal('registered'),
    siteId: registryExternalId,
    name: z.string(),
    countryCode,
    timeZone: ianaTimeZoneName,
  }),
]);
export type SiteState = z.infer<typeof siteStateSchema>;

export type SiteEvent = {
  readonly type: 'SiteRegistered';
  readonly data: EventData<typeof SiteRegisteredV1>;
};

export type SiteCommand = {
  readonly type: 'RegisterSite';
  readonly siteId: string;
  readonly name: string;
  readonly countryCode: string;
  readonly timeZone: string;
};

export const siteInitialState: SiteState = { status: 'unregistered' };

// One event and one command so far: no union to switch over yet.
export function evolveSite(_state: SiteState, event: SiteEvent): SiteState {
  return { status: 'registered', ...event.data };
}

export function decideSite(command: SiteCommand, state: SiteState): SiteEvent[] {
  if (state.status !== 'unregistered')
    refuse('REGISTRY.SITE_ALREADY_REGISTERED', `site ${command.siteId} is already registered`);
  const timeZone =
    canonicalTimeZone(command.timeZone) ??
    refuse('REGISTRY.INVALID_TIME_ZONE', `${command.timeZone} is not an IANA time zone`);
  const { siteId, name, countryCode: country } = command;
  return [{ type: 'SiteRegistered', data: { siteId, name, countryCode: country, timeZone } }];
}
