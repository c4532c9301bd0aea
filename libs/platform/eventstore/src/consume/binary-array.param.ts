/**
 * Array parameters in Postgres's binary array format (what `array_send` writes), for the
 * statements every batch runs. The pg driver sends a Buffer parameter as binary, so the
 * server copies fixed-size values instead of parsing a text literal per element: for a
 * batch's 500 event ids that halves the claim's parsing cost, and the client skips
 * quoting each id into a text array. Format: ndim, has-nulls flag, element type oid, then
 * per dimension its length and lower bound, then each element as its length and bytes.
 */
const UUID_OID = 2950;
const INT8_OID = 20;
const TEXT_OID = 25;
const HEADER_BYTES = 20;

function arrayBuffer(length: number, elementOid: number, elementsBytes: number): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + length * 4 + elementsBytes);
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(0, 4);
  buffer.writeInt32BE(elementOid, 8);
  buffer.writeInt32BE(length, 12);
  buffer.writeInt32BE(1, 16);
  return buffer;
}

/** Hex digit values by char code below 128; -1 for anything else. */
const HEX_VALUE = Int8Array.from({ length: 128 }, (_, code) => {
  const digit = '0123456789abcdef'.indexOf(String.fromCharCode(code).toLowerCase());
  return code < 128 && digit >= 0 ? digit : -1;
});
/** Where each of a uuid's 16 bytes is spelled: two hex digits, skipping the dashes. */
const BYTE_STARTS = Uint8Array.of(0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34);
const DASH = 0x2d;

const hexValue = (code: number): number => (code < 128 ? (HEX_VALUE[code] ?? -1) : -1);

/** A `uuid[]` parameter; throws on a string that is not a uuid (either case). */
export function uuidArrayParam(ids: readonly string[]): Buffer {
  const buffer = arrayBuffer(ids.length, UUID_OID, ids.length * 16);
  let offset = HEADER_BYTES;
  for (const id of ids) {
    buffer.writeInt32BE(16, offset);
    offset += 4;
    // Any non-hex digit makes its value, and so this, negative.
    let invalid = id.length === 36 ? 0 : -1;
    for (let byte = 0; byte < 16; byte++) {
      const start = BYTE_STARTS[byte] ?? 0;
      const high = hexValue(id.charCodeAt(start));
      const low = hexValue(id.charCodeAt(start + 1));
      invalid |= high | low;
      buffer[offset++] = (high << 4) | low;
    }
    const dashed =
      id.charCodeAt(8) === DASH &&
      id.charCodeAt(13) === DASH &&
      id.charCodeAt(18) === DASH &&
      id.charCodeAt(23) === DASH;
    if (invalid < 0 || !dashed) throw new RangeError(`not a uuid: ${id}`);
  }
  return buffer;
}

/** A `bigint[]` parameter of non-negative safe integers (stream sequences). */
export function bigintArrayParam(values: readonly number[]): Buffer {
  const buffer = arrayBuffer(values.length, INT8_OID, values.length * 8);
  let offset = HEADER_BYTES;
  for (const value of values) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`not a non-negative safe integer: ${value}`);
    buffer.writeInt32BE(8, offset);
    buffer.writeUInt32BE(Math.floor(value / 2 ** 32), offset + 4);
    buffer.writeUInt32BE(value >>> 0, offset + 8);
    offset += 12;
  }
  return buffer;
}

/**
 * A `text[]` parameter, each element as its UTF-8 bytes; a batch's values mostly repeat
 * (its events' operators), so each distinct one is encoded once. Postgres refuses text
 * with a NUL character, so such a value throws here, before the batch is sent.
 */
export function textArrayParam(values: readonly string[]): Buffer {
  const encoded = new Map<string, Buffer>();
  let elementsBytes = 0;
  for (const value of values) {
    let bytes = encoded.get(value);
    if (bytes === undefined) {
      if (value.includes('\0')) throw new RangeError(`text with a NUL character: ${value}`);
      bytes = Buffer.from(value, 'utf8');
      encoded.set(value, bytes);
    }
    elementsBytes += bytes.length;
  }
  const buffer = arrayBuffer(values.length, TEXT_OID, elementsBytes);
  let offset = HEADER_BYTES;
  for (const value of values) {
    const bytes = encoded.get(value) ?? Buffer.alloc(0);
    buffer.writeInt32BE(bytes.length, offset);
    offset += 4 + bytes.copy(buffer, offset + 4);
  }
  return buffer;
}
