/**
 * The registry's IdempotencyKeyLedger: one row per (operator, key) with the SHA-256
 * fingerprint of the request that first used it. Not a projection (no event says which
 * request carried a key); written before the command runs. Keys are kept for 24 hours,
 * as Stripe does: a fingerprint can hash personal data (a driver's name and e-mail), so
 * it must not outlive the retry window, and a later reuse of the key is then still
 * caught when it addresses another aggregate (RegistryCommandExecutor).
 */
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { IdempotencyKeyLedger } from '@chargeledger/platform/http';
import { TenantScopedRepository } from '@chargeledger/platform/persistence';
import { DatabaseResource } from '@chargeledger/platform/service';

const RETENTION = "interval '24 hours'";
const fingerprintRow = z.object({ request_sha256: z.string() });

@Injectable()
export class PostgresIdempotencyKeyLedger
  extends TenantScopedRepository
  implements IdempotencyKeyLedger
{
  constructor(database: DatabaseResource) {
    super(database.dataSource.manager);
  }

  async claim(idempotencyKey: string, fingerprint: string): Promise<string> {
    await this.queryForTenant(
      z.unknown(),
      `DELETE FROM idempotency_keys WHERE operator_id = $1 AND claimed_at < now() - ${RETENTION}`,
    );
    const [claimed] = await this.queryForTenant(
      fingerprintRow,
      `WITH inserted AS (
         INSERT INTO idempotency_keys (operator_id, idempotency_key, request_sha256, claimed_at)
         VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING RETURNING request_sha256)
       SELECT request_sha256 FROM inserted
       UNION ALL
       SELECT request_sha256 FROM idempotency_keys WHERE operator_id = $1 AND idempotency_key = $2`,
      [idempotencyKey, fingerprint],
    );
    if (claimed !== undefined) return claimed.request_sha256;
    // A concurrent first use committed after this statement's snapshot: read what it stored.
    const [stored] = await this.queryForTenant(
      fingerprintRow,
      'SELECT request_sha256 FROM idempotency_keys WHERE operator_id = $1 AND idempotency_key = $2',
      [idempotencyKey],
    );
    if (stored === undefined) throw new Error(`idempotency key ${idempotencyKey} vanished`);
    return stored.request_sha256;
  }

  async release(idempotencyKey: string, fingerprint: string): Promise<void> {
    await this.queryForTenant(
      z.unknown(),
      `DELETE FROM idempotency_keys
       WHERE operator_id = $1 AND idempotency_key = $2 AND request_sha256 = $3`,
      [idempotencyKey, fingerprint],
    );
  }
}
