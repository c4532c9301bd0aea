// Test support: parse, rate and settle in one call, returning what a test asserts on.
import {
  parseCdrSession,
  parseTariff,
  rate,
  settle,
  type RatedSession,
  type RatingOptions,
  type SettledSession,
} from '../index';

export interface Priced {
  readonly rated: RatedSession;
  readonly settled: SettledSession;
}

export function price(
  tariffJson: unknown,
  cdrJson: unknown,
  timeZone = 'Europe/Amsterdam',
  options?: RatingOptions,
): Priced {
  const rated = rate(parseCdrSession(cdrJson), parseTariff(tariffJson), {
    timeZone,
    ...(options === undefined ? {} : { options }),
  });
  return { rated, settled: settle(rated) };
}
