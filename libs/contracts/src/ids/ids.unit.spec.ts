import { validate, version } from 'uuid';
import { commandEventId, derivedEventId, sessionIdOf } from './ids';

describe('ids', () => {
  it('derives the same session id for the same station transaction, ignoring case', () => {
    const id = sessionIdOf('acme', 'CP-01', 'tx-42');
    expect(version(id)).toBe(5);
    expect(sessionIdOf('ACME', 'cp-01', 'TX-42')).toBe(id);
    expect(sessionIdOf('acme', 'CP-01', 'tx-43')).not.toBe(id);
  });

  it('cannot be confused by separators inside ids', () => {
    expect(sessionIdOf('a/b', 'c', 'd')).not.toBe(sessionIdOf('a', 'b/c', 'd'));
    expect(sessionIdOf('a.b', 'c', 'd')).not.toBe(sessionIdOf('a', 'b.c', 'd'));
  });

  it('derives event ids from the causing event, type and index', () => {
    const cause = sessionIdOf('acme', 'cp', 't');
    const first = derivedEventId(cause, 'chargeledger.rating.SessionRated.v1', 0);
    expect(derivedEventId(cause, 'chargeledger.rating.SessionRated.v1', 0)).toBe(first);
    expect(derivedEventId(cause, 'chargeledger.rating.SessionRated.v1', 1)).not.toBe(first);
    expect(() => derivedEventId('not-a-uuid', 'x', 0)).toThrow(RangeError);
    expect(() => derivedEventId(cause, 'x', -1)).toThrow(RangeError);
  });

  it('uses the idempotency key when given, else mints a UUIDv7', () => {
    expect(commandEventId('key-1', 'acme')).toBe(commandEventId('key-1', 'ACME'));
    expect(commandEventId('key-1', 'acme')).not.toBe(commandEventId('key-1', 'other'));
    const minted = commandEventId(undefined, 'acme');
    expect(validate(minted) && version(minted)).toBe(7);
  });
});
