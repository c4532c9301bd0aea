import { decideTariff, evolveTariff, tariffInitialState, type TariffState } from './tariff.decider';
import { RatingRefusal } from '../shared/rating-refusal';

const NOW = '2026-05-01T10:00:00.000Z';
const ocpi = (overrides: Record<string, unknown> = {}) => ({
  id: 'AC-1',
  currency: 'EUR',
  elements: [{ price_components: [{ type: 'ENERGY', price: '0.30', vat: 21, step_size: 1 }] }],
  ...overrides,
});
const publish = (overrides: Record<string, unknown> = {}) => ({
  type: 'PublishTariffVersion' as const,
  tariffId: 'AC-1',
  tariff: ocpi(),
  validTo: null,
  now: NOW,
  ...overrides,
});

function given(...commands: ReturnType<typeof publish>[]): TariffState {
  return commands.reduce<TariffState>(
    (state, command) => decideTariff(command, state).reduce(evolveTariff, state),
    tariffInitialState,
  );
}

function refusalOf(run: () => unknown): RatingRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof RatingRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('tariff decider', () => {
  it('publishes version 1 valid from its publication when no validFrom is given', () => {
    expect(decideTariff(publish(), tariffInitialState)).toEqual([
      {
        type: 'TariffVersionPublished',
        data: {
          tariffId: 'AC-1',
          version: 1,
          currency: 'EUR',
          validFrom: NOW,
          validTo: null,
          tariff: ocpi(),
        },
      },
    ]);
  });

  it('numbers later versions and keeps earlier ones unchanged', () => {
    const state = given(publish(), publish({ validFrom: '2026-06-01T00:00:00Z' }));
    const [event] = decideTariff(
      publish({ validFrom: '2026-07-01T00:00:00Z', validTo: '2026-08-01T00:00:00Z' }),
      state,
    );
    expect(event?.data).toMatchObject({
      version: 3,
      validFrom: '2026-07-01T00:00:00.000Z',
      validTo: '2026-08-01T00:00:00.000Z',
    });
    expect(state.status === 'published' && state.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses an invalid OCPI tariff naming every bad field', () => {
    const refusal = refusalOf(() =>
      decideTariff(
        publish({
          tariff: ocpi({
            currency: 'euro',
            elements: [{ price_components: [{ type: 'ENERGY', price: 'x', step_size: 1 }] }],
          }),
        }),
        tariffInitialState,
      ),
    );
    expect(refusal.code).toBe('RATING.INVALID_TARIFF');
    expect(refusal.fieldErrors.map((e) => e.path)).toEqual([
      'tariff.currency',
      'tariff.elements[0].price_components[0].price',
    ]);
    expect(refusal.fieldErrors[0]?.message).toMatch(/ISO 4217/);
  });

  it.each([
    ['RATING.TARIFF_ID_MISMATCH', publish({ tariff: ocpi({ id: 'AC-2' }) })],
    [
      'RATING.TARIFF_WINDOW_IN_BODY',
      publish({ tariff: ocpi({ start_date_time: '2026-06-01T00:00:00Z' }) }),
    ],
    [
      'RATING.TARIFF_WINDOW_IN_BODY',
      publish({ tariff: ocpi({ end_date_time: '2026-06-01T00:00:00Z' }) }),
    ],
    ['RATING.TARIFF_RETROACTIVE', publish({ validFrom: '2026-05-01T09:59:59.999Z' })],
    ['RATING.TARIFF_WINDOW_EMPTY', publish({ validTo: NOW })],
    [
      'RATING.TARIFF_WINDOW_EMPTY',
      publish({ validFrom: '2026-06-01T00:00:00Z', validTo: '2026-05-31T00:00:00Z' }),
    ],
  ])('refuses %s', (code, command) => {
    expect(refusalOf(() => decideTariff(command, tariffInitialState)).code).toBe(code);
  });

  it('refuses a version in another currency', () => {
    const refusal = refusalOf(() =>
      decideTariff(publish({ tariff: ocpi({ currency: 'CHF' }) }), given(publish())),
    );
    expect(refusal.code).toBe('RATING.TARIFF_CURRENCY_CHANGED');
  });

  it('refuses a caller that saw an older version, and accepts the current one', () => {
    const state = given(publish());
    expect(refusalOf(() => decideTariff(publish({ expectedVersion: 0 }), state)).code).toBe(
      'RATING.TARIFF_VERSION_CONFLICT',
    );
    expect(decideTariff(publish({ expectedVersion: 1 }), state)[0]?.data.version).toBe(2);
  });
});
