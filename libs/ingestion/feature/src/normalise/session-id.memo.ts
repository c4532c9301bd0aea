/**
 * Session ids (UUIDv5 of operator, station and transaction) derived once per session
 * instead of once per message: a session's tens of messages name the same one. Bounded:
 * the id derived longest ago is forgotten first (and derived again when needed).
 */
import { sessionIdOf } from '@chargeledger/contracts';

export class SessionIdMemo {
  private readonly ids = new Map<string, string>();

  constructor(private readonly sessionsMax: number) {}

  readonly sessionIdOf = (operatorId: string, stationId: string, transactionId: string) => {
    const key = JSON.stringify([operatorId, stationId, transactionId]);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = sessionIdOf(operatorId, stationId, transactionId);
    this.ids.set(key, id);
    if (this.ids.size > this.sessionsMax) {
      const oldest = this.ids.keys().next();
      if (oldest.done !== true) this.ids.delete(oldest.value);
    }
    return id;
  };
}
