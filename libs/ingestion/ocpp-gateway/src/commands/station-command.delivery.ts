/**
 * Delivers one station command to the station's live connection and says what came of it.
 * Expired commands are dropped before anything is sent. `failed` means the station did
 * not answer in time or answered with an error: it may or may not act on the command, so
 * the caller decides whether to resend (until expiry) rather than this code guessing.
 */
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import { z } from 'zod';
import type { StationCommand } from '@chargeledger/contracts';
import { OCPP_VERSIONS } from '../ports/station-directory.port';
import { ocppCallOf } from './station-command.ocpp';

export type StationCommandOutcome =
  | { readonly outcome: 'accepted' }
  | { readonly outcome: 'rejected'; readonly detail: string }
  | { readonly outcome: 'expired' }
  | { readonly outcome: 'not-connected' }
  | { readonly outcome: 'failed'; readonly detail: string };

/** Both versions answer remote start/stop with `status` Accepted or Rejected. */
const commandAnswer = z.looseObject({ status: z.enum(['Accepted', 'Rejected']) });
const connectedVersion = z.enum(OCPP_VERSIONS);

export async function deliverStationCommand(
  command: StationCommand,
  client: RpcServerClient | undefined,
  now: Date,
): Promise<StationCommandOutcome> {
  if (Date.parse(command.expiresAt) <= now.getTime()) return { outcome: 'expired' };
  if (client === undefined) return { outcome: 'not-connected' };
  const ocppCall = ocppCallOf(command, connectedVersion.parse(client.protocol));
  if (!ocppCall.ok) return { outcome: 'rejected', detail: ocppCall.detail };
  let answer: unknown;
  try {
    answer = await client.call(ocppCall.method, ocppCall.params);
  } catch (error) {
    return { outcome: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
  const parsed = commandAnswer.safeParse(answer);
  if (!parsed.success) return { outcome: 'failed', detail: 'station answered without a status' };
  return parsed.data.status === 'Accepted'
    ? { outcome: 'accepted' }
    : { outcome: 'rejected', detail: `station answered Rejected to ${ocppCall.method}` };
}
