/**
 * Validates an envelope as `envelopeSchema` does, faster: every consumed message passes
 * here, and the zod object walk (with the copy it builds) cost several µs a message. A
 * hand-written check accepts the common case, a plain object whose fields are exactly
 * the schema's with valid values, and builds the same output zod would (same keys, same
 * order, `data` untouched). Anything else, valid or not, goes to zod, so zod stays the
 * definition: the check may only accept what zod accepts, and rejections (with zod's
 * messages) always come from zod. The unit spec checks both on valid and mutated input.
 */
import { z } from 'zod';
import {
  EVENT_TYPE_PATTERN,
  envelopeSchema,
  TRACEPARENT_PATTERN,
  type RawEnvelope,
} from './envelope';

/** The patterns `z.uuid()` and `z.iso.datetime({ offset: false })` test. */
const UUID = z.regexes.uuid();
const UTC_DATETIME = z.regexes.datetime({ precision: null, offset: false, local: false });

const REQUIRED_KEYS = [
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'data',
  'operatorid',
  'correlationid',
] as const;
const KNOWN_KEYS: ReadonlySet<string> = new Set([...REQUIRED_KEYS, 'causationid', 'traceparent']);
// A field added to the schema must be checked here too, or the check would let it pass.
if (Object.keys(envelopeSchema.shape).sort().join() !== [...KNOWN_KEYS].sort().join())
  throw new Error('parseEnvelope checks other fields than envelopeSchema has');

export type EnvelopeParse =
  | { readonly success: true; readonly data: RawEnvelope }
  | { readonly success: false; readonly error: z.ZodError };

export function parseEnvelope(value: unknown): EnvelopeParse {
  const fast = acceptedEnvelope(value);
  return fast === undefined ? envelopeSchema.safeParse(value) : { success: true, data: fast };
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The envelope zod would return, or undefined when unsure: zod then decides. */
function acceptedEnvelope(value: unknown): RawEnvelope | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  // JSON.parse builds plain objects; anything else (arrays, class instances) goes to zod.
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const fields = value as Record<string, unknown>;
  // zod's strict check walks `for...in`; here every key must also be own, not inherited.
  let keys = 0;
  for (const key in fields) {
    if (!KNOWN_KEYS.has(key) || !Object.hasOwn(fields, key)) return undefined;
    keys++;
  }
  const { specversion, id, source, type, subject, time, datacontenttype, data } = fields;
  const { operatorid, correlationid, causationid, traceparent } = fields;
  const hasCausation = Object.hasOwn(fields, 'causationid');
  const hasTraceparent = Object.hasOwn(fields, 'traceparent');
  // Every key is known and own, so the count proves each required key is there.
  if (keys !== REQUIRED_KEYS.length + Number(hasCausation) + Number(hasTraceparent))
    return undefined;
  if (
    specversion !== '1.0' ||
    datacontenttype !== 'application/json' ||
    !isUuid(id) ||
    !nonEmpty(source) ||
    typeof type !== 'string' ||
    !EVENT_TYPE_PATTERN.test(type) ||
    !nonEmpty(subject) ||
    typeof time !== 'string' ||
    !UTC_DATETIME.test(time) ||
    !nonEmpty(operatorid) ||
    !isUuid(correlationid)
  )
    return undefined;
  const envelope: RawEnvelope = {
    specversion,
    id,
    source,
    type,
    subject,
    time,
    datacontenttype,
    data,
    operatorid,
    correlationid,
  };
  if (hasCausation) {
    if (!isUuid(causationid)) return undefined;
    envelope.causationid = causationid;
  }
  if (hasTraceparent) {
    if (typeof traceparent !== 'string' || !TRACEPARENT_PATTERN.test(traceparent)) return undefined;
    envelope.traceparent = traceparent;
  }
  return envelope;
}
