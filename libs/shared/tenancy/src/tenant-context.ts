/**
 * The tenant a piece of work runs for. Every repository asks for it, so a query that
 * forgot its operator fails loudly instead of reading another operator's rows.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<{ readonly operatorId: string }>();

export class TenantContextMissingError extends Error {
  constructor() {
    super('no tenant in context: tenant-scoped work must run inside runAsTenant()');
    this.name = 'TenantContextMissingError';
  }
}

export function runAsTenant<T>(operatorId: string, work: () => T): T {
  if (operatorId.length === 0) throw new RangeError('operatorId must not be empty');
  return storage.run({ operatorId }, work);
}

export function currentTenant(): string | undefined {
  return storage.getStore()?.operatorId;
}

export function requireTenant(): string {
  const operatorId = currentTenant();
  if (operatorId === undefined) throw new TenantContextMissingError();
  return operatorId;
}
