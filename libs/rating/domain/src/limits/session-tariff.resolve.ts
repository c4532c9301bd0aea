/**
 * The tariff version that prices a session, as the final rating chooses it
 * (session-rating.decide.ts): the tariff assigned to the station at the start, its
 * version valid then. Limits of the `tariff` scope and the hold amount need it before
 * the session ends. When it is missing, the reason carries the code the final rating
 * will refuse the session with.
 */
import type { EventData, SessionHoldAmountRefusedV1 } from '@chargeledger/contracts';
import type { OpenSessionFacts } from '../session/session-facts';
import type { SessionRatingInputs } from '../session/session-rating.decide';
import type { TariffVersionData } from '../tariff/tariff.decider';
import { inEffectAt, tariffVersionAt } from '../tariff/tariff-version.resolve';

type Missing = Pick<EventData<typeof SessionHoldAmountRefusedV1>, 'code' | 'detail' | 'tariffId'>;

export type SessionTariff =
  | {
      readonly status: 'resolved';
      /** As the assignment names it. */
      readonly tariffId: string;
      readonly version: TariffVersionData;
    }
  | ({ readonly status: 'missing' } & Readonly<Missing>);

export function sessionTariffOf(inputs: SessionRatingInputs<OpenSessionFacts>): SessionTariff {
  const { startedAt, stationId } = inputs.facts;
  if (inputs.stationTimeZone === undefined)
    return {
      status: 'missing',
      code: 'RATING.UNKNOWN_STATION',
      detail: `station ${stationId} is not registered`,
    };
  const assignment = inEffectAt(inputs.assignments, startedAt);
  if (assignment === undefined)
    return {
      status: 'missing',
      code: 'RATING.NO_TARIFF_ASSIGNED',
      detail: `station ${stationId} had no tariff assigned at ${startedAt}`,
    };
  const { tariffId } = assignment;
  const versions = inputs.versions.filter(
    (v) => v.tariffId.toLowerCase() === tariffId.toLowerCase(),
  );
  const version = tariffVersionAt(versions, startedAt);
  if (version === undefined)
    return {
      status: 'missing',
      code: 'RATING.NO_TARIFF_VERSION_AT_START',
      detail: `tariff ${tariffId} has no version valid at ${startedAt}`,
      tariffId,
    };
  return { status: 'resolved', tariffId, version };
}
