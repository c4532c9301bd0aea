/**
 * Subject tokens. Ids that come from outside (OCPP identifierString may hold `.`, `*`,
 * `>`, spaces and is case-insensitive) never go raw into a NATS subject: they are
 * canonicalised, then either kept (when already plain) or encoded as `_` + lowercase
 * base32. Plain tokens never start with `_`, so the mapping is injective.
 */

const PLAIN_TOKEN = /^[a-z0-9-]{1,64}$/;
const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
export const TOKEN_MAX_LENGTH = 256;

/** Case-insensitive identifiers compare equal after NFC normalisation and lowercasing. */
export function canonicalId(rawId: string): string {
  if (rawId.length === 0) throw new RangeError('an id must not be empty');
  return rawId.normalize('NFC').toLowerCase();
}

export function encodeToken(rawId: string): string {
  const canonical = canonicalId(rawId);
  const token = PLAIN_TOKEN.test(canonical) ? canonical : `_${base32(canonical)}`;
  if (token.length > TOKEN_MAX_LENGTH) {
    throw new RangeError(
      `id is too long for a subject token (${token.length} > ${TOKEN_MAX_LENGTH})`,
    );
  }
  return token;
}

export function decodeToken(token: string): string {
  return token.startsWith('_') ? unbase32(token.slice(1)) : token;
}

function base32(text: string): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET.charAt((value << (5 - bits)) & 31);
  return out;
}

function unbase32(encoded: string): string {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of encoded) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new RangeError(`not a base32 token: ${encoded}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
