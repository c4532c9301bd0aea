/**
 * OCPP 1.6 calls a charger makes. ocpp-rpc's strict mode has already checked each call
 * against the 1.6 JSON schema (a violation never reaches a handler); the few fields read
 * here are re-read with zod only to get types. Transaction and status messages are
 * stored before they are answered; StartTransaction answers with the stream sequence
 * that holds it as the transactionId, which a resend (same message id) gets back too.
 */
import type RpcServerClient from 'ocpp-rpc/lib/server-client';
import { z } from 'zod';
import type { ConnectedStation } from './connected-station';
import { ocpp16IdTagStatusOf } from './token-status.map';

const withIdTag = z.looseObject({ idTag: z.string() });
const withOptionalIdTag = z.looseObject({ idTag: z.string().optional() });

export function handleOcpp16Calls(client: RpcServerClient, station: ConnectedStation): void {
  const idTagInfo = async (idTag: string) => ({
    status: ocpp16IdTagStatusOf((await station.authorize(idTag)).status),
  });

  client.handle('Authorize', async ({ params }) => ({
    idTagInfo: await idTagInfo(withIdTag.parse(params).idTag),
  }));
  client.handle('StartTransaction', async (call) => {
    const { idTag } = withIdTag.parse(call.params);
    const stored = await station.store('ocpp16-start-transaction', call);
    return { transactionId: stored.streamSequence, idTagInfo: await idTagInfo(idTag) };
  });
  client.handle('MeterValues', async (call) => {
    await station.store('ocpp16-meter-values', call);
    return {};
  });
  client.handle('StopTransaction', async (call) => {
    const { idTag } = withOptionalIdTag.parse(call.params);
    await station.store('ocpp16-stop-transaction', call);
    return idTag === undefined ? {} : { idTagInfo: await idTagInfo(idTag) };
  });
  client.handle('StatusNotification', async (call) => {
    await station.store('ocpp16-status-notification', call);
    return {};
  });
}
