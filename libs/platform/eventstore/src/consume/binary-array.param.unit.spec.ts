import { bigintArrayParam, textArrayParam, uuidArrayParam } from './binary-array.param';

const header = (length: number, oid: number) =>
  [1, 0, oid, length, 1].flatMap((n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

describe('binary array parameters', () => {
  it('writes uuids as 16 bytes each, in either case', () => {
    const id = '00112233-4455-6677-8899-aabbccddeeff';
    const bytes = [0, 0, 0, 16, ...Array.from({ length: 16 }, (_, i) => i * 17)];
    expect([...uuidArrayParam([id, id.toUpperCase()])]).toEqual([
      ...header(2, 2950),
      ...bytes,
      ...bytes,
    ]);
  });

  it.each([
    '00112233-4455-6677-8899-aabbccddeefg',
    '00112233-4455-6677-8899-aabbccddeef',
    '0011223344556677-8899-aabbccddeeff-',
    '00112233+4455-6677-8899-aabbccddeeff',
  ])('refuses %s', (id) => {
    expect(() => uuidArrayParam([id])).toThrow(RangeError);
  });

  it('writes sequences as big-endian 8-byte integers', () => {
    const value = 2 ** 32 + 5;
    expect([...bigintArrayParam([0, value, Number.MAX_SAFE_INTEGER])]).toEqual([
      ...header(3, 20),
      ...[0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0],
      ...[0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 5],
      ...[0, 0, 0, 8, 0, 0x1f, 255, 255, 255, 255, 255, 255],
    ]);
    expect(() => bigintArrayParam([-1])).toThrow(RangeError);
    expect(() => bigintArrayParam([1.5])).toThrow(RangeError);
  });

  it('writes text as its UTF-8 bytes, each repeated value in full', () => {
    const bytes = (text: string) => [...Buffer.from(text, 'utf8')];
    expect([...textArrayParam(['acme', 'ünï', '', 'acme'])]).toEqual([
      ...header(4, 25),
      ...[0, 0, 0, 4, ...bytes('acme')],
      ...[0, 0, 0, 5, ...bytes('ünï')],
      ...[0, 0, 0, 0],
      ...[0, 0, 0, 4, ...bytes('acme')],
    ]);
    expect(() => textArrayParam(['a\0b'])).toThrow(RangeError);
  });
});
