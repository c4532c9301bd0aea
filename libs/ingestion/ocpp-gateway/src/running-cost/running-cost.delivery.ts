/**
 * Shows a running cost on the station's live connection, best effort: a running cost is
 * for the driver's display and the next one supersedes it, so nothing is retried and a
 * station that is not connected here simply gets none.
 */
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import { z } from 'zod';
import { OCPP_VERSIONS } from '../ports/station-directory.port';
import { runningCostCallOf, type RunningCost } from './running-cost.ocpp';

export type RunningCostOutcome =
  | { readonly outcome: 'shown' }
  | { readonly outcome: 'not-connected' }
  | { readonly outcome: 'refused'; readonly detail: string }
  | { readonly outcome: 'failed'; readonly detail: string };

const connectedVersion = z.enum(OCPP_VERSIONS);
/** DataTransfer answers with a status; CostUpdated's answer is empty. */
const dataTransferAnswer = z.looseObject({ status: z.string() });

export async function deliverRunningCost(
  cost: RunningCost,
  client: RpcServerClient | undefined,
): Promise<RunningCostOutcome> {
  if (client === undefined) return { outcome: 'not-connected' };
  const call = runningCostCallOf(cost, connectedVersion.parse(client.protocol));
  if (!call.ok) return { outcome: 'refused', detail: call.detail };
  let answer: unknown;
  try {
    answer = await client.call(call.method, call.params);
  } catch (error) {
    return { outcome: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
  if (call.method !== 'DataTransfer') return { outcome: 'shown' };
  const status = dataTransferAnswer.safeParse(answer).data?.status;
  return status === 'Accepted'
    ? { outcome: 'shown' }
    : { outcome: 'refused', detail: `station answered ${status ?? 'without a status'}` };
}
