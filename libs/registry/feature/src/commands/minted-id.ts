/**
 * Ids the registry mints for accounts and drivers: UUIDv5 of the command's first event
 * id, so a retry with the same Idempotency-Key addresses the same aggregate while the id
 * itself carries nothing about the person.
 */
import { v5 as uuidv5 } from 'uuid';

export function mintedId(commandEventId: string, kind: 'customer-account' | 'driver'): string {
  return uuidv5(kind, commandEventId);
}
