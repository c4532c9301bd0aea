/**
 * `rating_session_limits_v1`: every session-limits setting of rating's own stream, kept
 * as a history with the envelope time it was recorded at (a policy applies to sessions
 * starting after it; a driver's session limit from then on) and keyed by scope, the
 * canonical scope id and the stream sequence, so a rebuild reproduces it.
 * `rating_tariff_versions_v1.rating_options`: a version's options beyond OCPI
 * (TariffVersionPublished v2: the overstay fee); null for a version without.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingLimits1764800000000 implements MigrationInterface {
  name = 'RatingLimits1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rating_session_limits_v1 (
        operator_id text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('station', 'account', 'driver', 'tariff', 'session')),
        scope_key text NOT NULL,
        scope_id text NOT NULL,
        limits jsonb NOT NULL,
        set_at text NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, scope, scope_key, stream_sequence)
      )`);
    await queryRunner.query(
      `ALTER TABLE rating_tariff_versions_v1 ADD COLUMN rating_options jsonb`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rating_tariff_versions_v1 DROP COLUMN rating_options`);
    await queryRunner.query(`DROP TABLE rating_session_limits_v1`);
  }
}
