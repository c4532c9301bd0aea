/**
 * UUIDv5 (SHA-1 of the namespace's bytes and the name's UTF-8), hashed with node:crypto
 * directly: ingestion derives several ids per gateway message, and the uuid library's
 * byte conversion, parsing and validation cost more than the SHA-1 itself. The same ids
 * as the library's `v5` for every input: a namespace that is not a plain RFC UUID, or a
 * name with a surrogate (the library refuses lone ones), goes to the library, which
 * answers or refuses as before; a property test holds the two to the same answers.
 */
import { createHash } from 'node:crypto';
import { v5 } from 'uuid';

const RFC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const SURROGATE = /[\ud800-\udfff]/;
/** The hex digit of byte 8's high nibble once the RFC variant bits (10xx) are set. */
const VARIANT_DIGIT = '89ab89ab89ab89ab';
/** Namespaces used lately, as bytes: a few (the fixed one, a message's id) recur. */
const NAMESPACES_KEPT = 64;
const namespaceBytes = new Map<string, Buffer>();

function bytesOf(namespace: string): Buffer {
  const known = namespaceBytes.get(namespace);
  if (known !== undefined) return known;
  if (namespaceBytes.size >= NAMESPACES_KEPT) namespaceBytes.clear();
  const bytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  namespaceBytes.set(namespace, bytes);
  return bytes;
}

export function uuidV5(name: string, namespace: string): string {
  if (!RFC_UUID.test(namespace) || SURROGATE.test(name)) return v5(name, namespace);
  const hex = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest('hex');
  // version 5 replaces the high nibble of byte 6; the variant the two high bits of byte 8
  const variant = VARIANT_DIGIT.charAt(parseInt(hex.charAt(16), 16));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
