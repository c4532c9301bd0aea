/**
 * Ingestion's tables. The `ingestion_stations/tokens/accounts_v1` tables are its own
 * projection of EVT_REGISTRY: the facts a message is judged against, read locally so the
 * billing path never calls the registry. `ingestion_sessions_v1` holds each session's
 * decider state with the subject sequence it includes (the version the next append
 * expects); `ingestion_rejections_v1` lists refused messages for operators;
 * `ingestion_raw_messages_v1` records every raw message handled, the lasting dedupe
 * beyond JetStream's duplicate window.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestionTables1764600000000 implements MigrationInterface {
  name = 'IngestionTables1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingestion_stations_v1 (
        operator_id text NOT NULL,
        station_key text NOT NULL,
        station_id text NOT NULL,
        ocpp_version text NOT NULL,
        time_zone text NOT NULL,
        connectors jsonb NOT NULL,
        credentials_ref text NOT NULL,
        PRIMARY KEY (operator_id, station_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE ingestion_tokens_v1 (
        operator_id text NOT NULL,
        token_id uuid NOT NULL,
        account_id text NOT NULL,
        status text NOT NULL,
        expires_at text,
        PRIMARY KEY (operator_id, token_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE ingestion_accounts_v1 (
        operator_id text NOT NULL,
        account_id text NOT NULL,
        status text NOT NULL,
        PRIMARY KEY (operator_id, account_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE ingestion_sessions_v1 (
        session_id uuid PRIMARY KEY,
        operator_id text NOT NULL,
        station_id text NOT NULL,
        transaction_id text NOT NULL,
        status text NOT NULL,
        needs_review boolean NOT NULL,
        started_at text NOT NULL,
        state jsonb NOT NULL,
        version bigint NOT NULL CHECK (version > 0)
      )`);
    await queryRunner.query(
      `CREATE INDEX ingestion_sessions_v1_review ON ingestion_sessions_v1 (operator_id, session_id) WHERE needs_review`,
    );
    await queryRunner.query(`
      CREATE TABLE ingestion_rejections_v1 (
        raw_event_id uuid PRIMARY KEY,
        operator_id text NOT NULL,
        station_id text NOT NULL,
        session_id uuid,
        reason_code text NOT NULL,
        detail text NOT NULL,
        received_at text NOT NULL,
        raw_stream_sequence bigint NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX ingestion_rejections_v1_by_operator ON ingestion_rejections_v1 (operator_id, raw_event_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE ingestion_raw_messages_v1 (
        raw_message_id uuid PRIMARY KEY,
        operator_id text NOT NULL,
        stream_sequence bigint NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'ingestion_raw_messages_v1',
      'ingestion_rejections_v1',
      'ingestion_sessions_v1',
      'ingestion_accounts_v1',
      'ingestion_tokens_v1',
      'ingestion_stations_v1',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
