/**
 * OCPP 2.0.1 calls a charger makes. ocpp-rpc's strict mode has already checked each call
 * against the 2.0.1 JSON schema; the few fields read here are re-read with zod only to
 * get types. TransactionEvent and StatusNotification are stored before they are
 * answered; a TransactionEvent naming an idToken is answered with its authorisation.
 */
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import { z } from 'zod';
import type { ConnectedStation } from './connected-station';
import { ocpp201IdTokenStatusOf } from './token-status.map';

const idToken = z.looseObject({ idToken: z.string() });
const withIdToken = z.looseObject({ idToken });
const withOptionalIdToken = z.looseObject({ idToken: idToken.optional() });

export function handleOcpp201Calls(client: RpcServerClient, station: ConnectedStation): void {
  const idTokenInfo = async (token: string) => ({
    status: ocpp201IdTokenStatusOf((await station.authorize(token)).status),
  });

  client.handle('Authorize', async ({ params }) => ({
    idTokenInfo: await idTokenInfo(withIdToken.parse(params).idToken.idToken),
  }));
  client.handle('TransactionEvent', async (call) => {
    const token = withOptionalIdToken.parse(call.params).idToken;
    await station.store('transaction-event', call);
    return token === undefined ? {} : { idTokenInfo: await idTokenInfo(token.idToken) };
  });
  client.handle('StatusNotification', async (call) => {
    await station.store('status-notification', call);
    return {};
  });
}
