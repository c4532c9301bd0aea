import { inEffectAt, tariffVersionAt } from './tariff-version.resolve';

const versions = [
  { version: 1, validFrom: '2026-01-01T00:00:00.000Z', validTo: null },
  { version: 2, validFrom: '2026-03-01T00:00:00.000Z', validTo: '2026-04-01T00:00:00.000Z' },
  { version: 3, validFrom: '2026-06-01T00:00:00.000Z', validTo: null },
];

describe('tariff version resolution', () => {
  it.each([
    ['2025-12-31T23:59:59.999Z', undefined],
    ['2026-01-01T00:00:00.000Z', 1],
    ['2026-03-01T00:00:00.000Z', 2],
    ['2026-03-31T23:59:59.999Z', 2],
    ['2026-04-01T00:00:00.000Z', 1],
    ['2026-07-01T00:00:00.000Z', 3],
  ])('at %s uses version %s (the highest whose window holds it)', (instant, expected) => {
    expect(tariffVersionAt(versions, instant)?.version).toBe(expected);
  });

  it('takes the fact recorded last at or before an instant, ties by stream sequence', () => {
    const facts = [
      { effectiveFrom: '2026-01-01T00:00:00.000Z', sequence: 5, id: 'a' },
      { effectiveFrom: '2026-02-01T00:00:00.000Z', sequence: 9, id: 'c' },
      { effectiveFrom: '2026-02-01T00:00:00.000Z', sequence: 7, id: 'b' },
    ];
    expect(inEffectAt(facts, '2025-12-31T00:00:00.000Z')).toBeUndefined();
    expect(inEffectAt(facts, '2026-01-31T00:00:00.000Z')?.id).toBe('a');
    expect(inEffectAt(facts, '2026-02-01T00:00:00.000Z')?.id).toBe('c');
  });
});
