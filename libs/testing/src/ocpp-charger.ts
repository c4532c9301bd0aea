/**
 * A charger for tests: the real ocpp-rpc client with strict schema validation, every
 * option explicit. `resend` repeats a call with a chosen message id, as a charger does
 * after a lost answer (ocpp-rpc's own `call` always mints a new id).
 */
import { RPCClient } from 'ocpp-rpc';

export interface ChargerOptions {
  readonly gatewayUrl: string;
  readonly operatorId: string;
  readonly stationId: string;
  readonly ocppVersion: 'ocpp1.6' | 'ocpp2.0.1';
  readonly password: string | null;
  /** Overrides `<gatewayUrl>/ocpp/<operatorId>`, to knock on wrong doors. */
  readonly endpoint?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type CallAnswer =
  | { readonly kind: 'result'; readonly payload: unknown }
  | { readonly kind: 'error'; readonly code: string; readonly description: string };

export function aCharger(options: ChargerOptions): RPCClient {
  return new RPCClient({
    endpoint:
      options.endpoint ?? `${options.gatewayUrl}/ocpp/${encodeURIComponent(options.operatorId)}`,
    identity: options.stationId,
    protocols: [options.ocppVersion],
    password: options.password,
    strictMode: true,
    strictModeValidators: [],
    reconnect: false,
    maxReconnects: 0,
    backoff: { initialDelay: 100, maxDelay: 1_000, factor: 2, randomisationFactor: 0 },
    callTimeoutMs: 15_000,
    pingIntervalMs: 30_000,
    deferPingsOnActivity: false,
    respondWithDetailedErrors: false,
    callConcurrency: 1,
    maxBadMessages: 100,
    wsOpts: {},
    headers: options.headers ?? {},
  });
}

/** The message id of every call the charger sends, in order. */
export function recordCallIds(charger: RPCClient): string[] {
  const ids: string[] = [];
  charger.on('call', (call: { outbound: boolean; payload: unknown[] }) => {
    if (call.outbound) ids.push(String(call.payload[1]));
  });
  return ids;
}

/** Sends a CALL frame as is (no client-side validation) and waits for its answer. */
export function resend(
  charger: RPCClient,
  messageId: string,
  method: string,
  params: unknown,
): Promise<CallAnswer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no answer to ${method} ${messageId}`));
    }, 15_000);
    const onMessage = (event: { message: Buffer | string; outbound: boolean }) => {
      if (event.outbound) return;
      const frame: unknown = JSON.parse(event.message.toString());
      if (!Array.isArray(frame) || frame[1] !== messageId) return;
      clearTimeout(timer);
      charger.off('message', onMessage);
      resolve(
        frame[0] === 3
          ? { kind: 'result', payload: frame[2] }
          : { kind: 'error', code: String(frame[2]), description: String(frame[3]) },
      );
    };
    charger.on('message', onMessage);
    charger.sendRaw(JSON.stringify([2, messageId, method, params]));
  });
}
