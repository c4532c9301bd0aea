/**
 * A session's accepted meter samples move out of its state row into an append-only table:
 * a batch then inserts only the samples it accepted instead of rewriting every sample of
 * every session it touched (a long session has thousands). Existing states are split.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestionSessionSamples1764700000000 implements MigrationInterface {
  name = 'IngestionSessionSamples1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingestion_session_samples_v1 (
        session_id uuid NOT NULL,
        sampled_at text NOT NULL,
        seq_no bigint,
        sample jsonb NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX ingestion_session_samples_v1_by_session ON ingestion_session_samples_v1 (session_id)`,
    );
    await queryRunner.query(`
      INSERT INTO ingestion_session_samples_v1 (session_id, sampled_at, seq_no, sample)
      SELECT s.session_id, e->>'sampledAt', (e->>'seqNo')::bigint, e
      FROM ingestion_sessions_v1 s, jsonb_array_elements(s.state->'samples') e`);
    await queryRunner.query(`UPDATE ingestion_sessions_v1 SET state = state - 'samples'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE ingestion_sessions_v1 s SET state = jsonb_set(s.state, '{samples}', coalesce(
        (SELECT jsonb_agg(x.sample ORDER BY x.sampled_at, x.seq_no NULLS FIRST)
         FROM ingestion_session_samples_v1 x WHERE x.session_id = s.session_id), '[]'::jsonb))`);
    await queryRunner.query(`DROP TABLE ingestion_session_samples_v1`);
  }
}
