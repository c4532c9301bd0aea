// Seconds shown as hours, the OCPI unit for time. 3600 s = 1 h divides a whole number of
// seconds exactly when 9 divides it; otherwise the hours repeat and are shown to 30 places.
import { Exact, SECONDS_PER_HOUR, toPlain } from '../model/exact-decimal.util';

const REPEATING_DISPLAY_PLACES = 30;

export function hoursText(seconds: Exact): string {
  const terminates = seconds.isInteger() && seconds.modulo(9).isZero();
  const hours = seconds.dividedBy(SECONDS_PER_HOUR);
  return toPlain(terminates ? hours : hours.toDecimalPlaces(REPEATING_DISPLAY_PLACES));
}
