/**
 * A station command in the words of the station's OCPP version: RemoteStart/StopTransaction
 * for 1.6, RequestStart/StopTransaction for 2.0.1. A command 1.6 cannot carry (an idTag
 * over 20 characters, a transactionId that is not one of the integers a 1.6 CSMS hands
 * out) is refused here rather than sent and refused by the schema on the way out.
 */
import type { StationCommand } from '@chargeledger/contracts';
import { ocpp16TransactionIdOf } from '../ocpp16-transaction-id';
import type { OcppVersion } from '../ports/station-directory.port';

export type OcppCommandCall =
  | { readonly ok: true; readonly method: string; readonly params: Record<string, unknown> }
  | { readonly ok: false; readonly detail: string };

const OCPP16_ID_TAG_MAX = 20;

export function ocppCallOf(command: StationCommand, version: OcppVersion): OcppCommandCall {
  if (command.command === 'RemoteStart') {
    if (version === 'ocpp2.0.1')
      return call('RequestStartTransaction', {
        // a token the CSMS starts with is a Central one in 2.0.1
        idToken: { idToken: command.idToken, type: 'Central' },
        remoteStartId: command.remoteStartId,
        evseId: command.evseId,
      });
    if (command.idToken.length > OCPP16_ID_TAG_MAX)
      return {
        ok: false,
        detail: `idToken longer than the ${OCPP16_ID_TAG_MAX} characters of 1.6`,
      };
    return call('RemoteStartTransaction', { connectorId: command.evseId, idTag: command.idToken });
  }
  if (version === 'ocpp2.0.1')
    return call('RequestStopTransaction', { transactionId: command.transactionId });
  const transactionId = ocpp16TransactionIdOf(command.transactionId);
  if (transactionId === undefined)
    return { ok: false, detail: `transactionId ${command.transactionId} is no 1.6 transaction` };
  return call('RemoteStopTransaction', { transactionId });
}

function call(method: string, params: Record<string, unknown>): OcppCommandCall {
  return { ok: true, method, params };
}
