/**
 * Deterministic ids. A session id is derived from what the station says, and an event
 * derived from another gets an id derived from its cause, so a retried handler produces
 * the same id and JetStream's `Nats-Msg-Id` (plus Postgres unique keys) dedupes it. Only
 * events born from an API command without an idempotency key get a fresh UUIDv7, minted
 * once and stored before publishing.
 */
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { canonicalId } from '../naming/token';
import { uuidV5 } from './uuid-v5';

/** The chargeledger UUIDv5 namespace (a fixed random UUID; never change it). */
export const CHARGELEDGER_ID_NAMESPACE = '5a0b7f2e-4c1d-4b8e-9a3f-6d2e1c0b9a87';

export function sessionIdOf(operatorId: string, stationId: string, transactionId: string): string {
  const name = JSON.stringify([operatorId, stationId, transactionId].map(canonicalId));
  return uuidV5(name, CHARGELEDGER_ID_NAMESPACE);
}

export function derivedEventId(causationId: string, eventType: string, index: number): string {
  if (!isUuid(causationId)) throw new RangeError(`causation id must be a UUID, got ${causationId}`);
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`index must be >= 0, got ${index}`);
  return uuidV5(`${eventType}#${index}`, causationId);
}

/** Event id for an API command: the caller's idempotency key when given, else a UUIDv7. */
export function commandEventId(idempotencyKey: string | undefined, operatorId: string): string {
  if (idempotencyKey === undefined) return uuidv7();
  return uuidV5(
    JSON.stringify([canonicalId(operatorId), idempotencyKey]),
    CHARGELEDGER_ID_NAMESPACE,
  );
}
