/**
 * Operators, projected from EVT_REGISTRY like the other aggregates: state as jsonb
 * (validated by the domain's schema on read) and the stream sequence it includes as the
 * version a command appends against. The row's id is the operator id itself.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistryOperators1764500000000 implements MigrationInterface {
  name = 'RegistryOperators1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE operators_v1 (
        operator_id text NOT NULL,
        id text NOT NULL,
        state jsonb NOT NULL,
        version bigint NOT NULL CHECK (version > 0),
        PRIMARY KEY (operator_id, id),
        CHECK (id = operator_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE operators_v1');
  }
}
