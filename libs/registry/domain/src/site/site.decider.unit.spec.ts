import { specOf } from '../testing/given-when-then';
import { decideSite, evolveSite, siteInitialState, type SiteEvent } from './site.decider';

const given = specOf({ initialState: siteInitialState, evolve: evolveSite, decide: decideSite });
const register = {
  type: 'RegisterSite',
  siteId: 'depot-1',
  name: 'Harbour depot',
  countryCode: 'DK',
  timeZone: 'europe/copenhagen',
} as const;
const registered: SiteEvent = {
  type: 'SiteRegistered',
  data: {
    siteId: 'depot-1',
    name: 'Harbour depot',
    countryCode: 'DK',
    timeZone: 'Europe/Copenhagen',
  },
};

describe('site', () => {
  it('registers a site with its time zone in canonical casing', () => {
    given([]).when(register).then([registered]);
  });

  it('refuses to register a site twice', () => {
    given([registered]).when(register).thenRefuses('REGISTRY.SITE_ALREADY_REGISTERED');
  });

  it.each(['Mars/Olympus', '+01:00', 'Europe/../Paris', ''])(
    'refuses the time zone %j',
    (timeZone) => {
      given([])
        .when({ ...register, timeZone })
        .thenRefuses('REGISTRY.INVALID_TIME_ZONE');
    },
  );
});
