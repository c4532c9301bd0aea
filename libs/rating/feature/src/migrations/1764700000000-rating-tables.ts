/**
 * Rating's tables, every one a projection of the log (no serial ids, no clock), so a
 * rebuild reproduces them. `rating_tariff_versions_v1`: its own tariff versions, with the
 * stream sequence a command appends against. `rating_session_facts_v1`: ingestion's
 * facts of each session (start, samples, charging states, end), one row per event.
 * `rating_stations_v1`, `rating_tariff_assignments_v1` and `rating_rounding_settings_v1`:
 * its view of the registry, assignments and settings kept as histories with the time
 * they were recorded, so what was in effect at a session's start is decidable from the log.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingTables1764700000000 implements MigrationInterface {
  name = 'RatingTables1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rating_tariff_versions_v1 (
        operator_id text NOT NULL,
        tariff_key text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        tariff_id text NOT NULL,
        currency text NOT NULL,
        valid_from text NOT NULL,
        valid_to text,
        tariff jsonb NOT NULL,
        published_at text NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, tariff_key, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_session_facts_v1 (
        session_id uuid NOT NULL,
        event_id uuid NOT NULL,
        operator_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('started', 'samples', 'state', 'ended')),
        data jsonb NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (session_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_stations_v1 (
        operator_id text NOT NULL,
        station_key text NOT NULL,
        station_id text NOT NULL,
        time_zone text NOT NULL,
        PRIMARY KEY (operator_id, station_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_tariff_assignments_v1 (
        operator_id text NOT NULL,
        station_key text NOT NULL,
        event_id uuid NOT NULL,
        tariff_id text NOT NULL,
        assigned_at text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, station_key, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_rounding_settings_v1 (
        operator_id text NOT NULL,
        event_id uuid NOT NULL,
        rounding_mode text NOT NULL,
        changed_at text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'rating_rounding_settings_v1',
      'rating_tariff_assignments_v1',
      'rating_stations_v1',
      'rating_session_facts_v1',
      'rating_tariff_versions_v1',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
