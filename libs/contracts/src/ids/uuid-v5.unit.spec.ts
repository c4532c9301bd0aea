import fc from 'fast-check';
import { v5 } from 'uuid';
import { uuidV5 } from './uuid-v5';

const SEED =
  process.env['FC_SEED'] === undefined
    ? Date.now() % 2_147_483_647
    : Number(process.env['FC_SEED']);

/** The answer of a function: its value, or the kind of error it threw. */
function outcome(derive: () => string): string {
  try {
    return derive();
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

describe('uuidV5', () => {
  it("gives the uuid library's v5 answer for any name and namespace", () => {
    const namespace = fc.oneof(
      fc.uuid(),
      fc.uuid().map((id) => id.toUpperCase()),
      fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        '5a0b7f2e-4c1d-4b8e-9a3f-6d2e1c0b9a87',
      ),
      fc.string({ maxLength: 40 }),
    );
    const name = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ maxLength: 60, unit: 'binary' }),
      fc.string({ maxLength: 20, unit: 'grapheme' }),
    );
    try {
      fc.assert(
        fc.property(name, namespace, (n, ns) => {
          expect(outcome(() => uuidV5(n, ns))).toBe(outcome(() => v5(n, ns)));
        }),
        { seed: SEED, numRuns: 5_000 },
      );
    } catch (error) {
      console.error(`uuidV5 property failed; reproduce with FC_SEED=${SEED}`);
      throw error;
    }
  });
});
