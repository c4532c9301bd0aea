/**
 * A group tariff may apply at every station of one site: `rating_group_tariffs_v1.site_id`
 * (null = not one site), and `rating_stations_v1.site_id`, the site a station was
 * registered at. A station projected before this column has no site here and counts as
 * outside every site: a site's group tariff prices sessions only at stations this view
 * learnt of since.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingGroupTariffSites1764860000000 implements MigrationInterface {
  name = 'RatingGroupTariffSites1764860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rating_group_tariffs_v1 ADD COLUMN site_id text`);
    await queryRunner.query(`ALTER TABLE rating_stations_v1 ADD COLUMN site_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rating_stations_v1 DROP COLUMN site_id`);
    await queryRunner.query(`ALTER TABLE rating_group_tariffs_v1 DROP COLUMN site_id`);
  }
}
