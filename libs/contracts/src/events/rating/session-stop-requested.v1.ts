/**
 * A running session reached one of its limits, so rating asked its station to stop it
 * (subject `session-stop/<sessionId>` in EVT_RATING). Published once per limit and
 * session, by the session fact at which the limit was first reached, with an id derived
 * from that fact; the RemoteStop command it names (`commandId`, on CMD_STATIONS, dropped
 * by the gateway after `expiresAt`) was published before it, with that id as its
 * Nats-Msg-Id. Several limits reached by one fact share one command. Frozen: change = v2.
 */
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { decimalString, externalId, utcTimestamp } from '../../values/values';
import { limitScope, sessionLimitKind } from '../../values/session-limit-values';

export const SessionStopRequestedV1 = defineEvent({
  context: 'rating',
  name: 'SessionStopRequested',
  version: 1,
  aggregate: 'session-stop',
  schema: z.strictObject({
    sessionId: z.uuid(),
    stationId: externalId,
    transactionId: externalId,
    limit: sessionLimitKind,
    /** Which setting was the tightest of this kind (several equal: the first of station, account, driver, tariff, session). */
    scope: limitScope,
    /** The bound: seconds, Wh, or cost excl. VAT in the tariff's currency. */
    maxValue: decimalString,
    /** What the session had reached, same unit. */
    reachedValue: decimalString,
    /** The station time of the facts that reached it. */
    reachedAt: utcTimestamp,
    commandId: z.uuid(),
    expiresAt: utcTimestamp,
  }),
});
