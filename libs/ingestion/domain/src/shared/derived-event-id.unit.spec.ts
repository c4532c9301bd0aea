import fc from 'fast-check';
import { derivedEventId } from '@chargeledger/contracts';
import { derivedEventIdOf } from './derived-event-id';

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

describe('derived event ids', () => {
  it('are the ids derivedEventId gives, for any causation id, type and index', () => {
    const causation = fc.oneof(
      fc.uuid(),
      fc.uuid().map((id) => id.toUpperCase()),
      fc.string({ maxLength: 40 }),
    );
    const type = fc.oneof(
      fc.constantFrom('chargeledger.ingestion.MeterValuesRecorded.v1', 'x'),
      fc.string({ maxLength: 60, unit: 'binary' }),
    );
    const index = fc.oneof(fc.nat({ max: 10 }), fc.integer(), fc.double());
    try {
      fc.assert(
        fc.property(causation, type, index, (id, eventType, at) => {
          expect(outcome(() => derivedEventIdOf(id, eventType, at))).toBe(
            outcome(() => derivedEventId(id, eventType, at)),
          );
        }),
        { seed: SEED, numRuns: 3_000 },
      );
    } catch (error) {
      console.error(`derived event id property failed; reproduce with FC_SEED=${SEED}`);
      throw error;
    }
  });
});
