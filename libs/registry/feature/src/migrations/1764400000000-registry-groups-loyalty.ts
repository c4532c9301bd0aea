/**
 * Driver groups and loyalty memberships, projected from EVT_REGISTRY like the other
 * aggregates: state as jsonb (validated by the domain's schema on read) and the stream
 * sequence it includes as the version a command appends against. No personal data.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['driver_groups_v1', 'loyalty_memberships_v1'] as const;

export class RegistryGroupsLoyalty1764400000000 implements MigrationInterface {
  name = 'RegistryGroupsLoyalty1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`
        CREATE TABLE ${table} (
          operator_id text NOT NULL,
          id text NOT NULL,
          state jsonb NOT NULL,
          version bigint NOT NULL CHECK (version > 0),
          PRIMARY KEY (operator_id, id)
        )`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
