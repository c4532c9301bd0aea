/**
 * The id of an event derived from a raw message, exactly as contracts' `derivedEventId`
 * names it (UUIDv5 of `<type>#<index>` in the namespace of the causation id, DESIGN.md
 * "Ids"), hashed with node:crypto directly: every message yields at least one event, and
 * the generic UUID library's parsing, validation and byte conversion cost as much as the
 * SHA-1 itself. Anything but a lowercase UUID and a non-negative integer index goes to
 * `derivedEventId`, which refuses what it must; a property test holds the two to the same ids.
 */
import { createHash } from 'node:crypto';
import { derivedEventId } from '@chargeledger/contracts';

const LOWERCASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SURROGATE = /[\ud800-\udfff]/;
const VERSION_5 = 0x50;
const RFC_4122_VARIANT = 0x80;

export function derivedEventIdOf(causationId: string, eventType: string, index: number): string {
  if (!LOWERCASE_UUID.test(causationId) || !Number.isSafeInteger(index) || index < 0)
    return derivedEventId(causationId, eventType, index);
  const name = `${eventType}#${index}`;
  // the library's UTF-8 conversion refuses lone surrogates; leave those to it
  if (SURROGATE.test(name)) return derivedEventId(causationId, eventType, index);
  const hash = createHash('sha1')
    .update(Buffer.from(causationId.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | VERSION_5, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | RFC_4122_VARIANT, 8);
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
