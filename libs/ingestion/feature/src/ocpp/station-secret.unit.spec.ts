/** Station secrets: a hash verifies its own password only, and malformed files match nothing. */
import { hashStationPassword, parseStationSecret, stationPasswordMatches } from './station-secret';

const FAST = { N: 1_024, r: 8, p: 1 };
const bytes = (text: string) => Buffer.from(text, 'utf8');

it('verifies the password it was made from and no other, with a fresh salt each time', () => {
  const text = hashStationPassword(bytes('s3cret-station-password'), FAST);
  expect(text).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  expect(hashStationPassword(bytes('s3cret-station-password'), FAST)).not.toBe(text);
  const secret = parseStationSecret(`${text}\n`);
  if (secret === undefined) throw new Error('own format not parsed');
  expect(stationPasswordMatches(secret, bytes('s3cret-station-password'))).toBe(true);
  expect(stationPasswordMatches(secret, bytes('s3cret-station-passwore'))).toBe(false);
  expect(stationPasswordMatches(secret, new Uint8Array())).toBe(false);
});

it.each([
  ['a plain password', 'hunter2'],
  ['another algorithm', 'bcrypt$1024$8$1$c2FsdA==$aGFzaA=='],
  ['N not a power of two', 'scrypt$1000$8$1$c2FsdA==$aGFzaA=='],
  ['N too small', 'scrypt$512$8$1$c2FsdA==$aGFzaA=='],
  ['a missing hash', 'scrypt$1024$8$1$c2FsdA==$'],
  ['a field too many', 'scrypt$1024$8$1$c2FsdA==$aGFzaA==$x'],
])('refuses %s', (_case, text) => {
  expect(parseStationSecret(text)).toBeUndefined();
});
