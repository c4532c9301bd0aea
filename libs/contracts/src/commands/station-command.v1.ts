/**
 * A command to one charging station (remote start or stop), carried durably on
 * `CMD_STATIONS` (`cmd.<operatorId>.<stationId>`). A station may be offline when it is
 * sent, so every command says until when it is still wanted: a gateway delivering it
 * after `expiresAt` drops it instead, since a start or stop minutes late is worse than
 * none. `commandId` identifies it for dedupe and for the recorded outcome. Unlike events,
 * a remote start carries the token's uid: the station needs it to start the transaction.
 * Frozen: change = v2.
 */
import { z } from 'zod';
import { externalId, utcTimestamp } from '../values/values';

const addressed = {
  commandId: z.uuid(),
  operatorId: externalId,
  stationId: externalId,
  /** UTC; not delivered at or after this instant. */
  expiresAt: utcTimestamp,
};

export const stationCommandV1 = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('RemoteStart'),
    ...addressed,
    evseId: z.int().positive(),
    /** The token uid the transaction is started for (OCPP idTag/idToken). */
    idToken: z.string().min(1).max(36),
    /** Echoed by 2.0.1 stations in the TransactionEvent, linking session and command. */
    remoteStartId: z.int().positive().max(2_147_483_647),
  }),
  z.strictObject({
    command: z.literal('RemoteStop'),
    ...addressed,
    transactionId: externalId,
  }),
]);

export type StationCommand = z.infer<typeof stationCommandV1>;
