// Which IANA zone a session's restrictions are read in. The station's zone travels with the
// CDR (`time_zone`); a caller may give one explicitly (a CLI flag, the registry's station
// record), which then wins. With neither, rating refuses: guessing a zone would move every
// time-of-use boundary.
import type { CdrSession } from './cdr.schema';
import { RatingInputError } from './input.parse';
import { isValidTimeZone } from './local-time.util';

export interface ZoneOverride {
  readonly timeZone: string;
  /** How the caller names the source in errors, e.g. `--tz` or `station.time_zone`. */
  readonly field: string;
}

export function resolveTimeZone(session: CdrSession, override?: ZoneOverride): string {
  const fail = (field: string, message: string): never => {
    throw new RatingInputError('RATING.INVALID_CONTEXT', [field], `${field}: ${message}`);
  };
  if (override !== undefined) {
    if (!isValidTimeZone(override.timeZone)) {
      fail(override.field, `unknown IANA time zone "${override.timeZone}"`);
    }
    return override.timeZone;
  }
  const own = session.time_zone;
  if (own === undefined) {
    return fail(
      'cdr.time_zone',
      "missing, and no time zone was given: the station's IANA zone is needed to read tariff restrictions",
    );
  }
  if (!isValidTimeZone(own)) fail('cdr.time_zone', `unknown IANA time zone "${own}"`);
  return own;
}
