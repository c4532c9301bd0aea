/**
 * `rating_session_facts_v1` also keeps a session's SessionTokenPresented (kind `token`):
 * the token a session started without was presented later, and the session is billed to
 * its holder.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingSessionTokens1764850000000 implements MigrationInterface {
  name = 'RatingSessionTokens1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE rating_session_facts_v1 DROP CONSTRAINT rating_session_facts_v1_kind_check,
       ADD CONSTRAINT rating_session_facts_v1_kind_check
         CHECK (kind IN ('started', 'samples', 'state', 'ended', 'token'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM rating_session_facts_v1 WHERE kind = 'token'`);
    await queryRunner.query(
      `ALTER TABLE rating_session_facts_v1 DROP CONSTRAINT rating_session_facts_v1_kind_check,
       ADD CONSTRAINT rating_session_facts_v1_kind_check
         CHECK (kind IN ('started', 'samples', 'state', 'ended'))`,
    );
  }
}
