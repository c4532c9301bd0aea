/**
 * The `Idempotency-Key` header of commands: 1-255 visible ASCII characters, optional.
 * A retry with the same key must carry the same request; `requestFingerprint` is what
 * the two are compared by.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { validated } from '../problem/problem';

const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 visible ASCII characters')
  .optional();

export function idempotencyKeyOf(header: unknown): string | undefined {
  return validated(
    z.object({ 'Idempotency-Key': idempotencyKeyHeader }),
    { 'Idempotency-Key': header },
    'header',
  )['Idempotency-Key'];
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * SHA-256 of the request in canonical JSON (keys sorted), so the same command sent with
 * its fields in another order is still the same request. Only the hash is kept, never
 * the request, which may hold personal data.
 */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}
