/**
 * Why ingestion refuses a raw message, or flags an accepted session (the last three codes).
 * The codes are stable: operators filter on them and the API shows them, so a code is
 * never renamed or reused with another meaning.
 */
export const INGESTION_REASON_CODES = [
  /** The subject names a message kind ingestion does not read. */
  'INGESTION.UNKNOWN_MESSAGE_KIND',
  /** The operator or station is not registered (or not yet known to ingestion). */
  'INGESTION.UNKNOWN_STATION',
  /** Not a valid OCPP 2.0.1 TransactionEvent, or a unit that is not energy/power. */
  'INGESTION.SCHEMA_VIOLATION',
  /** A Started message without the start energy register: nothing to bill from. */
  'INGESTION.METER_START_MISSING',
  /** The EVSE/connector is not registered for the station. */
  'INGESTION.UNKNOWN_CONNECTOR',
  /** Updated or Ended for a transaction ingestion never saw start. */
  'INGESTION.UNKNOWN_TRANSACTION',
  /** Same transaction and seqNo as an accepted message, different content; original kept. */
  'INGESTION.DUPLICATE_CONFLICT',
  'INGESTION.METER_REGISTER_NEGATIVE',
  'INGESTION.METER_REGISTER_DECREASED',
  /** Register back at 0 mid-session (meter reboot or swap): needs a human, never a windfall. */
  'INGESTION.METER_REGISTER_RESET',
  /** Energy between two samples implies more than the connector's maximum power. */
  'INGESTION.IMPLAUSIBLE_POWER',
  'INGESTION.TIMESTAMP_IN_FUTURE',
  'INGESTION.TIMESTAMP_BEFORE_SESSION_START',
  /** Older than the offline backlog a station may flush (e.g. dated 1970). */
  'INGESTION.TIMESTAMP_TOO_OLD',
  /** A sample after the session's end; late samples inside the window are accepted. */
  'INGESTION.EVENT_AFTER_SESSION_ENDED',
  /** A second, different end for an ended session. */
  'INGESTION.SESSION_ALREADY_ENDED',
  /** Station seqNos missing between the first and last accepted: incomplete, still billed. */
  'INGESTION.SEQNO_GAP',
  /** The start token is not in the registry (or its account is not): session needs review. */
  'INGESTION.UNKNOWN_TOKEN',
  /** The start token is blocked, expired or its account in dunning: session needs review. */
  'INGESTION.TOKEN_NOT_ACCEPTED',
] as const;

export type IngestionReasonCode = (typeof INGESTION_REASON_CODES)[number];

export interface Rejection {
  readonly code: IngestionReasonCode;
  readonly detail: string;
}

export function rejection(code: IngestionReasonCode, detail: string): Rejection {
  return { code, detail };
}
