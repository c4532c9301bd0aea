/**
 * The tariff version that prices a session, as the final rating chooses it
 * (`sessionTariffVersion` in session-rating.decide.ts: member price, then the EVSE's or
 * station's assignment, its version valid at the start). Limits of the `tariff` scope and
 * the hold amount need it before the session ends. When it is missing, the reason
 * carries the code the final rating will refuse the session with.
 */
import type { EventData, SessionHoldAmountRefusedV1 } from '@chargeledger/contracts';
import type { OpenSessionFacts } from '../session/session-facts';
import { sessionTariffVersion, type SessionRatingInputs } from '../session/session-rating.decide';
import type { TariffVersionData } from '../tariff/tariff.decider';

type Missing = Pick<EventData<typeof SessionHoldAmountRefusedV1>, 'code' | 'detail' | 'tariffId'>;

export type SessionTariff =
  | {
      readonly status: 'resolved';
      /** As the version names it. */
      readonly tariffId: string;
      readonly version: TariffVersionData;
    }
  | ({ readonly status: 'missing' } & Readonly<Missing>);

export function sessionTariffOf(inputs: SessionRatingInputs<OpenSessionFacts>): SessionTariff {
  const chosen = sessionTariffVersion(inputs);
  if ('code' in chosen)
    return {
      status: 'missing',
      code: chosen.code,
      detail: chosen.detail,
      ...(chosen.tariffId === undefined ? {} : { tariffId: chosen.tariffId }),
    };
  return { status: 'resolved', tariffId: chosen.version.tariffId, version: chosen.version };
}
