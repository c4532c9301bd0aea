// Station-local wall-clock facts for an instant: local date, minute of day and ISO weekday
// in an IANA zone, DST-correct. luxon knows the zone rules; asking it for every period is
// the slowest part of rating, so the zone's UTC offset is memoised per UTC hour. An offset
// is reused only when it is the same at both ends of that hour, so an hour containing a
// DST change is always computed exactly.
import { IANAZone } from 'luxon';

export interface LocalMoment {
  /** YYYY-MM-DD in the station's zone. */
  readonly date: string;
  /** Minutes since local midnight, 0..1439. */
  readonly minuteOfDay: number;
  /** ISO weekday, 1 = Monday .. 7 = Sunday. */
  readonly weekday: number;
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
/** Bound on memoised (zone, hour) entries; the memo is cleared when it is exceeded. */
const MEMO_ENTRIES_MAX = 200_000;

const zones = new Map<string, IANAZone>();
/** Per zone: UTC hour number -> steady offset in minutes, or null when it changes. */
const hourOffsets = new Map<string, Map<number, number | null>>();
let memoEntries = 0;

export function isValidTimeZone(name: string): boolean {
  return zones.has(name) || IANAZone.isValidZone(name);
}

function zoneOf(name: string): IANAZone {
  const known = zones.get(name);
  if (known) return known;
  if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown IANA time zone: ${name}`);
  const zone = IANAZone.create(name);
  zones.set(name, zone);
  return zone;
}

/** UTC offset in minutes, constant over the UTC hour containing `ms`, or null if it changes. */
function steadyHourOffset(zoneName: string, zone: IANAZone, ms: number): number | null {
  const hour = Math.floor(ms / MS_PER_HOUR);
  let memo = hourOffsets.get(zoneName);
  const known = memo?.get(hour);
  if (known !== undefined) return known;
  const atStart = zone.offset(hour * MS_PER_HOUR);
  const atEnd = zone.offset((hour + 1) * MS_PER_HOUR - 1);
  const steady = atStart === atEnd ? atStart : null;
  if (memoEntries >= MEMO_ENTRIES_MAX) {
    hourOffsets.clear();
    memoEntries = 0;
    memo = undefined;
  }
  if (memo === undefined) {
    memo = new Map();
    hourOffsets.set(zoneName, memo);
  }
  memo.set(hour, steady);
  memoEntries += 1;
  return steady;
}

export function localMoment(zoneName: string, ms: number): LocalMoment {
  const zone = zoneOf(zoneName);
  const offsetMin = steadyHourOffset(zoneName, zone, ms) ?? zone.offset(ms);
  const wall = new Date(ms + offsetMin * MS_PER_MINUTE);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const jsDay = wall.getUTCDay();
  return {
    date,
    minuteOfDay: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
    weekday: jsDay === 0 ? 7 : jsDay,
  };
}
