// Member prices and loyalty in the final rating: the group tariff for a driver in the group
// at the start (never one added later), station-scoped before site-scoped before
// operator-wide, the station's
// tariff otherwise; the tier's discount applied by the engine exactly as the engine does
// it when run directly; points per whole currency unit billed.
import { parseTariff, rate, settle, splitIntoChargingPeriods } from '@chargeledger/rating/tariff';
import type { TariffVersionData } from '../tariff/tariff.decider';
import { loyaltyAccrualOf } from '../loyalty/loyalty-terms.resolve';
import { meterFactsOf, type EndedSessionFacts } from '../session/session-facts';
import { rateEndedSession, type SessionRatingInputs } from '../session/session-rating.decide';
import type { MemberFacts } from './member-facts';
import { groupsAt } from './member-tariff.choose';

const START = '2026-05-04T10:00:00.000Z';
const BEFORE = '2026-05-01T00:00:00.000Z';
const AFTER = '2026-05-04T10:00:00.001Z';
const DRIVER = '0190c3d2-7b1a-7c4e-9f00-00000000d001';
const facts: EndedSessionFacts = {
  sessionId: '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10',
  stationId: 'CP-1',
  startedAt: START,
  meterStartWh: '1000',
  samples: [],
  stateChanges: [{ changedAt: START, chargingState: 'Charging' }],
  endedAt: '2026-05-04T11:00:00.000Z',
  meterStopWh: '21000',
};
const version = (tariffId: string, energyPrice: string): TariffVersionData => ({
  tariffId,
  version: 1,
  currency: 'EUR',
  validFrom: BEFORE,
  validTo: null,
  tariff: {
    id: tariffId,
    currency: 'EUR',
    elements: [
      {
        price_components: [
          { type: 'FLAT', price: '1.00', vat: 21, step_size: 0 },
          { type: 'ENERGY', price: energyPrice, vat: 21, step_size: 1 },
        ],
      },
    ],
  },
});
const versions = [version('PUBLIC', '0.40'), version('FLEET', '0.30'), version('DEPOT', '0.25')];
const member = (overrides: Partial<MemberFacts> = {}): MemberFacts => ({
  driverId: DRIVER,
  groupChanges: [{ groupId: 'fleet', member: true, effectiveFrom: BEFORE, sequence: 1 }],
  groupTariffs: [
    {
      groupId: 'fleet',
      tariffId: 'FLEET',
      stationId: null,
      siteId: null,
      effectiveFrom: BEFORE,
      sequence: 2,
    },
  ],
  tierChanges: [],
  programmes: [],
  creditGrants: [],
  ...overrides,
});
const inputs = (m?: MemberFacts): SessionRatingInputs => ({
  facts,
  stationTimeZone: 'Europe/Amsterdam',
  assignments: [{ tariffId: 'PUBLIC', effectiveFrom: BEFORE, sequence: 0 }],
  versions,
  roundingSettings: [],
  ...(m === undefined ? {} : { member: m }),
});
const tariffOf = (m?: MemberFacts) => {
  const outcome = rateEndedSession(inputs(m));
  if (outcome.kind !== 'rated') throw new Error(outcome.data.detail);
  return outcome.data;
};

describe('member prices', () => {
  it("prices a group member with the group's tariff, anyone else with the station's", () => {
    expect(tariffOf(member()).tariff.tariffId).toBe('FLEET');
    expect(tariffOf().tariff.tariffId).toBe('PUBLIC');
    expect(tariffOf(member({ groupChanges: [] })).tariff.tariffId).toBe('PUBLIC');
  });

  it('goes by membership at the start: joined after it or left before it does not count', () => {
    const joinedLater = [{ groupId: 'fleet', member: true, effectiveFrom: AFTER, sequence: 1 }];
    expect(tariffOf(member({ groupChanges: joinedLater })).tariff.tariffId).toBe('PUBLIC');
    const left = [
      ...member().groupChanges,
      { groupId: 'fleet', member: false, effectiveFrom: START, sequence: 5 },
    ];
    expect(groupsAt(member({ groupChanges: left }), START)).toEqual([]);
    expect(tariffOf(member({ groupChanges: left })).tariff.tariffId).toBe('PUBLIC');
  });

  it('prefers an assignment at the station, then group id order; skips tariffs not valid', () => {
    const both = member({
      groupChanges: [
        { groupId: 'fleet', member: true, effectiveFrom: BEFORE, sequence: 1 },
        { groupId: 'depot', member: true, effectiveFrom: BEFORE, sequence: 2 },
      ],
      groupTariffs: [
        {
          groupId: 'fleet',
          tariffId: 'FLEET',
          stationId: null,
          siteId: null,
          effectiveFrom: BEFORE,
          sequence: 3,
        },
        {
          groupId: 'depot',
          tariffId: 'DEPOT',
          stationId: 'cp-1',
          siteId: null,
          effectiveFrom: BEFORE,
          sequence: 4,
        },
      ],
    });
    expect(tariffOf(both).tariff.tariffId).toBe('DEPOT');
    const elsewhere = member({
      groupTariffs: [
        {
          groupId: 'fleet',
          tariffId: 'DEPOT',
          stationId: 'CP-2',
          siteId: null,
          effectiveFrom: BEFORE,
          sequence: 3,
        },
      ],
    });
    expect(tariffOf(elsewhere).tariff.tariffId).toBe('PUBLIC');
    const unversioned = member({
      groupTariffs: [
        {
          groupId: 'fleet',
          tariffId: 'NONE',
          stationId: null,
          siteId: null,
          effectiveFrom: BEFORE,
          sequence: 3,
        },
      ],
    });
    expect(tariffOf(unversioned).tariff.tariffId).toBe('PUBLIC');
  });

  it("prefers the station's assignment, then its site's, then the operator's; another site's never", () => {
    const assignment = (tariffId: string, scope: { stationId?: string; siteId?: string }) => ({
      groupId: 'fleet',
      tariffId,
      stationId: scope.stationId ?? null,
      siteId: scope.siteId ?? null,
      effectiveFrom: BEFORE,
      sequence: 3,
    });
    const atSite = (siteId: string | undefined, ...groupTariffs: ReturnType<typeof assignment>[]) =>
      rateEndedSession({ ...inputs(member({ groupTariffs })), stationSiteId: siteId });
    const tariffAt = (outcome: ReturnType<typeof rateEndedSession>) =>
      outcome.kind === 'rated' ? outcome.data.tariff.tariffId : outcome.data.code;
    const operatorWide = assignment('FLEET', {});
    const depotSite = assignment('DEPOT', { siteId: 'depot' });
    const atStation = assignment('PUBLIC', { stationId: 'CP-1' });
    expect(tariffAt(atSite('depot', operatorWide, depotSite))).toBe('DEPOT');
    expect(tariffAt(atSite('Depot', depotSite))).toBe('DEPOT');
    expect(tariffAt(atSite('depot', operatorWide, depotSite, atStation))).toBe('PUBLIC');
    expect(tariffAt(atSite('harbour', operatorWide, depotSite))).toBe('FLEET');
    // a station whose site the view does not know is priced as outside every site
    expect(tariffAt(atSite(undefined, operatorWide, depotSite))).toBe('FLEET');
  });

  it('rates a member with the group tariff even where the station has none', () => {
    const outcome = rateEndedSession({ ...inputs(member()), assignments: [] });
    expect(outcome.kind === 'rated' && outcome.data.tariff.tariffId).toBe('FLEET');
  });
});

describe('loyalty', () => {
  const gold = member({
    groupChanges: [],
    tierChanges: [
      { tier: 'SILVER', effectiveFrom: BEFORE, sequence: 1 },
      { tier: 'GOLD', effectiveFrom: START, sequence: 2 },
      { tier: 'PLATINUM', effectiveFrom: AFTER, sequence: 3 },
    ],
    programmes: [
      {
        effectiveFrom: BEFORE,
        sequence: 4,
        tiers: [
          { tier: 'SILVER', percentOff: '5', pointsPerCurrencyUnit: 1 },
          { tier: 'GOLD', freeKwh: '2.5', percentOff: '10', pointsPerCurrencyUnit: 3 },
        ],
      },
    ],
  });

  it("applies the tier's discount at the start exactly as the engine run directly does", () => {
    const rated = tariffOf(gold);
    const tariff = parseTariff(versions[0]?.tariff);
    const cdr = splitIntoChargingPeriods(meterFactsOf(facts), tariff, 'Europe/Amsterdam');
    const direct = rate(cdr, tariff, {
      timeZone: 'Europe/Amsterdam',
      options: { loyalty: { freeKwh: '2.5', percentOff: '10' } },
    });
    expect(rated.totals).toEqual(direct.totals);
    expect(rated.billable).toEqual(settle(direct, { roundingMode: 'HALF_UP' }));
    // 1 + 20 x 0.40 = 9; 2.5 kWh free = 1; 10% of 8 = 0.8: 7.2 excl., 8.712 incl.
    expect(
      rated.billable.lines.filter((l) => l.kind === 'DISCOUNT').map((l) => l.excl_vat),
    ).toEqual(['-1.00', '-0.80']);
    expect(rated.totals.total_cost).toEqual({ excl_vat: '7.2', incl_vat: '8.712' });
  });

  it('gives no discount and no points to a tier the programme does not list, or a non-member', () => {
    const platinum = member({
      ...gold,
      tierChanges: [{ tier: 'PLATINUM', effectiveFrom: BEFORE, sequence: 1 }],
    });
    expect(tariffOf(platinum).billable.lines.some((l) => l.kind === 'DISCOUNT')).toBe(false);
    expect(loyaltyAccrualOf(platinum, tariffOf(platinum))).toBeUndefined();
    expect(loyaltyAccrualOf(undefined, tariffOf())).toBeUndefined();
  });

  it('earns points per whole currency unit billed', () => {
    const rated = tariffOf(gold);
    expect(rated.billable.total.incl_vat).toBe('8.71');
    expect(loyaltyAccrualOf(gold, rated)).toEqual({
      driverId: DRIVER,
      sessionId: facts.sessionId,
      tier: 'GOLD',
      points: 24,
    });
  });
});
