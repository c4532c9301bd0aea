/** Carries W3C trace context in NATS message headers, in and out. */
import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { MsgHdrs } from 'nats';

export const natsHeaderSetter: TextMapSetter<MsgHdrs> = {
  set: (headers, key, value) => headers.set(key, value),
};

export const natsHeaderGetter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (headers) => (headers === undefined ? [] : headers.keys()),
  get: (headers, key) => (headers?.has(key) === true ? headers.get(key) : undefined),
};
