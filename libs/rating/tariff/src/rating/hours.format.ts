// Seconds shown as hours, the OCPI unit for time. 3600 s = 1 h divides a whole number of
// seconds exactly when 9 divides it; otherwise the hours repeat and are shown to 30 places.
import { SECONDS_PER_HOUR, toPlain, type Exact } from '../model/exact-decimal.util';

const REPEATING_DISPLAY_PLACES = 30;

export function hoursText(seconds: Exact): string {
  return toPlain(seconds.dividedBy(SECONDS_PER_HOUR, REPEATING_DISPLAY_PLACES));
}
