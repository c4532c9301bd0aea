/**
 * Cursor pagination every list endpoint shares: a capped `limit` (so `limit=1e6` is a 400,
 * not a full scan) and an opaque cursor that encodes the last id of the previous page.
 */
import { z } from 'zod';

export const PAGE_LIMIT_MAX = 100;

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
