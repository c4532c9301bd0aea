/**
 * Base of every repository over tenant data. It takes the operator from the tenant
 * context, never from an argument, so a query cannot be issued for the wrong tenant or
 * for none: outside `runAsTenant()` it throws.
 */
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { requireTenant } from '@chargeledger/shared/tenancy';

export abstract class TenantScopedRepository {
  protected constructor(protected readonly manager: EntityManager) {}

  protected get operatorId(): string {
    return requireTenant();
  }

  /**
   * Runs SQL whose first parameter ($1) is the operator id (asserted to be used) and
   * validates the rows, so callers never hold unchecked driver output.
   */
  protected async queryForTenant<S extends z.ZodType>(
    rowSchema: S,
    sql: string,
    parameters: readonly unknown[] = [],
  ): Promise<z.infer<S>[]> {
    if (!/operator_id\s*=\s*\$1\b/.test(sql)) {
      throw new Error('tenant-scoped SQL must filter or write operator_id = $1');
    }
    const rows: unknown = await this.manager.query(sql, [this.operatorId, ...parameters]);
    return z.array(rowSchema).parse(rows);
  }
}
