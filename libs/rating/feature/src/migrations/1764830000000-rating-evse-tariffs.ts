/**
 * A tariff assignment may name one EVSE of its station (`evse_id`), applying there
 * instead of the station's own; null = the whole station, as every assignment before.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingEvseTariffs1764830000000 implements MigrationInterface {
  name = 'RatingEvseTariffs1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE rating_tariff_assignments_v1 ADD COLUMN evse_id integer CHECK (evse_id > 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rating_tariff_assignments_v1 DROP COLUMN evse_id`);
  }
}
