/**
 * `rating_token_holders_v1`: who holds each token the registry issued (its account and,
 * when the token is personal, its driver), so rating can apply what belongs to the
 * session's account or driver (limits, member prices, loyalty). A token's holder never
 * changes after issue, so the table is keyed by the token alone and order-insensitive.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingTokenHolders1764750000000 implements MigrationInterface {
  name = 'RatingTokenHolders1764750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rating_token_holders_v1 (
        operator_id text NOT NULL,
        token_id uuid NOT NULL,
        account_id uuid NOT NULL,
        driver_id uuid,
        PRIMARY KEY (operator_id, token_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rating_token_holders_v1`);
  }
}
