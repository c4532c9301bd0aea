/**
 * Request parts every registry endpoint shares: the operator in the path (taken as the
 * tenant until authentication exists), cursor pagination with a capped limit, and the
 * Idempotency-Key header.
 */
import { z } from 'zod';
import { runAsTenant } from '@chargeledger/shared/tenancy';
import { validated } from './problem';

export const OPERATOR_ROUTE = 'v1/operators/:operatorId';
export const PAGE_LIMIT_MAX = 100;

export const operatorId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lowercase letters, digits or "-"');
export const operatorParams = z.object({ operatorId });

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(20),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a cursor returned by a previous page')
    .optional(),
});

export function pageSchema<S extends z.ZodType>(item: S) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export function afterIdOf(cursor: string | undefined): string | undefined {
  return cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
}

export function pageOf<T>(items: T[], limit: number, lastId: string | undefined): Page<T> {
  const full = items.length === limit && lastId !== undefined;
  return { items, nextCursor: full ? Buffer.from(lastId).toString('base64url') : null };
}

const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 visible ASCII characters')
  .optional();

export function idempotencyKeyOf(header: unknown): string | undefined {
  return validated(
    z.object({ 'Idempotency-Key': idempotencyKeyHeader }),
    { 'Idempotency-Key': header },
    'header',
  )['Idempotency-Key'];
}

/** Validates the operator in the path and runs the work as that tenant. */
export function asOperator<T>(params: unknown, work: () => Promise<T>): Promise<T> {
  const { operatorId: tenant } = validated(operatorParams, params, 'path');
  return runAsTenant(tenant, work);
}
