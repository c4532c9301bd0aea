/**
 * Chargers connect to `/ocpp/<operatorId>/<stationId>`, each id percent-encoded. The path
 * is read here, before ocpp-rpc sees the upgrade: ocpp-rpc takes the identity from the
 * last segment and would throw on malformed percent-encoding outside its own error
 * handling, and every id must fit a NATS subject token later on.
 */
import { encodeToken } from '@chargeledger/contracts';

export interface StationAddress {
  readonly operatorId: string;
  readonly stationId: string;
}

const SEGMENTS = 4;

/** The station a request URL names, or undefined when it names none validly. */
export function stationAddressOf(requestUrl: string | undefined): StationAddress | undefined {
  const pathname = pathnameOf(requestUrl);
  if (pathname === undefined) return undefined;
  const segments = pathname.split('/');
  if (segments.length !== SEGMENTS || segments[0] !== '' || segments[1] !== 'ocpp')
    return undefined;
  const operatorId = decodedId(segments[2]);
  const stationId = decodedId(segments[3]);
  if (operatorId === undefined || stationId === undefined) return undefined;
  return { operatorId, stationId };
}

/** Parsed exactly as ocpp-rpc parses it, so both read the same identity. */
function pathnameOf(requestUrl: string | undefined): string | undefined {
  if (requestUrl === undefined) return undefined;
  try {
    return new URL(`http://localhost${requestUrl}`).pathname;
  } catch {
    return undefined;
  }
}

function decodedId(segment: string | undefined): string | undefined {
  if (segment === undefined || segment === '') return undefined;
  try {
    const id = decodeURIComponent(segment);
    // throws when the id is empty after decoding or too long for a subject token
    encodeToken(id);
    return id;
  } catch {
    return undefined;
  }
}
