import { RatingRefusal } from '../shared/rating-refusal';
import {
  decideSessionLimits,
  evolveSessionLimits,
  sessionLimitsInitialState,
  type SessionLimitsState,
  type SetSessionLimits,
} from './session-limits.decider';

const SESSION = '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10';

function given(...commands: SetSessionLimits[]): SessionLimitsState {
  return commands.reduce(
    (state, command) => decideSessionLimits(command, state).reduce(evolveSessionLimits, state),
    sessionLimitsInitialState,
  );
}

function refusal(run: () => unknown): RatingRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof RatingRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const set = (overrides: Partial<SetSessionLimits>): SetSessionLimits => ({
  type: 'SetSessionLimits',
  scope: 'station',
  scopeId: 'CP-1',
  limits: {},
  ...overrides,
});

describe('session limits aggregate', () => {
  it('records a setting and replaces it with the next one, counting versions', () => {
    const state = given(
      set({ limits: { maxEnergyWh: 30_000 } }),
      set({ limits: { maxDurationS: 3_600 } }),
    );
    expect(state).toEqual({
      status: 'set',
      scope: 'station',
      scopeId: 'CP-1',
      limits: { maxDurationS: 3_600 },
      settings: 2,
    });
  });

  it('refuses a caller that saw an older version', () => {
    const state = given(set({ limits: { maxEnergyWh: 30_000 } }));
    expect(decideSessionLimits(set({ expectedVersion: 1 }), state)).toHaveLength(1);
    expect(refusal(() => decideSessionLimits(set({ expectedVersion: 0 }), state)).code).toBe(
      'RATING.SESSION_LIMITS_CONFLICT',
    );
  });

  it("lets a driver only tighten their session's limits, naming each loosened field", () => {
    const session = (limits: SetSessionLimits['limits']) =>
      set({ scope: 'session', scopeId: SESSION, limits });
    const state = given(session({ maxEnergyWh: 20_000, maxCostExclVat: '15.00' }));
    expect(
      decideSessionLimits(
        session({ maxEnergyWh: 10_000, maxCostExclVat: '15', maxDurationS: 60 }),
        state,
      ),
    ).toHaveLength(1);
    const error = refusal(() => decideSessionLimits(session({ maxEnergyWh: 20_001 }), state));
    expect(error.code).toBe('RATING.SESSION_LIMITS_LOOSENED');
    expect(error.fieldErrors.map((e) => e.path)).toEqual(['maxEnergyWh', 'maxCostExclVat']);
  });

  it('lets an operator lift every bound of a policy', () => {
    const state = given(set({ limits: { maxEnergyWh: 30_000 } }), set({ limits: {} }));
    expect(state.status === 'set' && state.limits).toEqual({});
  });
});
