/**
 * IANA time zone names, checked with Intl (the runtime's tz database) and returned in
 * canonical casing. Fixed offsets ("+01:00") are refused: tariff restrictions need a zone
 * that knows its DST rules.
 */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

export function canonicalTimeZone(name: string): string | undefined {
  if (!ZONE_NAME.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function isIanaTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}
