/**
 * The fingerprint of the request that first used each Idempotency-Key, per operator, so
 * a reuse with another body is refused. Command-side state, not a projection: it is not
 * rebuilt from events and rows expire after 24 hours (see idempotency-key.ledger.ts).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistryIdempotencyKeys1764600000000 implements MigrationInterface {
  name = 'RegistryIdempotencyKeys1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        operator_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_sha256 text NOT NULL,
        claimed_at timestamptz NOT NULL,
        PRIMARY KEY (operator_id, idempotency_key)
      )`);
    await queryRunner.query(
      'CREATE INDEX idempotency_keys_expiry ON idempotency_keys (operator_id, claimed_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
