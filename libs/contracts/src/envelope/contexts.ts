/** The bounded contexts; each owns one `EVT_<CONTEXT>` stream and publishes only there. */
export const CONTEXTS = [
  'registry',
  'ingestion',
  'rating',
  'payments',
  'invoicing',
  'analytics',
] as const;
export type Context = (typeof CONTEXTS)[number];
