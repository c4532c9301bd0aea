import fc from 'fast-check';
import { fnv1a32, PARTITION_COUNT, partitionOf, partitionToken } from './partition';
import { canonicalId, decodeToken, encodeToken } from './token';

const SUBJECT_TOKEN = /^[a-z0-9_-]+$/;

describe('encodeToken', () => {
  it('keeps plain lowercase ids readable', () => {
    expect(encodeToken('op-1')).toBe('op-1');
    expect(encodeToken('3f1c0d2e-8b7a-4c1d-9e2f-0a1b2c3d4e5f')).toBe(
      '3f1c0d2e-8b7a-4c1d-9e2f-0a1b2c3d4e5f',
    );
  });

  it.each([
    'a.b',
    'a*',
    '>',
    'with space',
    'tab\there',
    'ünïcødé',
    '_x',
    'a/b',
    ''.padEnd(65, 'a'),
  ])('encodes the hostile id %j into one safe token', (raw) => {
    const token = encodeToken(raw);
    expect(token).toMatch(SUBJECT_TOKEN);
    expect(token.startsWith('_')).toBe(true);
    expect(decodeToken(token)).toBe(canonicalId(raw));
  });

  it('is case-insensitive, as OCPP identifierString is', () => {
    expect(encodeToken('STATION.A')).toBe(encodeToken('station.a'));
    expect(encodeToken('CP-01')).toBe('cp-01');
  });

  it('rejects empty ids and tokens too long for a subject', () => {
    expect(() => encodeToken('')).toThrow(/empty/);
    expect(() => encodeToken('.'.repeat(200))).toThrow(/too long/);
  });

  it('is injective on canonical ids and always yields a subject-safe token', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (a, b) => {
          const [ta, tb] = [encodeToken(a), encodeToken(b)];
          expect(ta).toMatch(SUBJECT_TOKEN);
          expect(ta === tb).toBe(canonicalId(a) === canonicalId(b));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('partitions', () => {
  it('uses FNV-1a 32 (published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('maps an id to p00..p15 regardless of case', () => {
    expect(PARTITION_COUNT).toBe(16);
    expect(partitionOf('foobar')).toBe(0xbf9cf968 % 16);
    expect(partitionOf('FOOBAR')).toBe(partitionOf('foobar'));
    expect(partitionToken(7)).toBe('p07');
    expect(partitionToken(15)).toBe('p15');
    expect(() => partitionToken(16)).toThrow(RangeError);
    expect(() => partitionToken(-1)).toThrow(RangeError);
  });

  it('spreads ids over every partition', () => {
    const seen = new Set(Array.from({ length: 500 }, (_, i) => partitionOf(`session-${i}`)));
    expect(seen.size).toBe(16);
  });
});
