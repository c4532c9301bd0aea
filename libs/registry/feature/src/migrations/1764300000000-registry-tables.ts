/**
 * The registry's tables. `<aggregate>s_v1` hold each aggregate's state (jsonb, validated
 * by the domain's schema on read) and the stream sequence it includes, the version a
 * command appends against; `registry_events_v1` indexes applied events by id, which is how
 * an idempotent retry finds what its key already did. All of these are projections of
 * EVT_REGISTRY. The two `*_personal_data` tables are not: they are the only home of names,
 * e-mails, addresses and VAT ids, written by command handlers and deleted on erasure.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const AGGREGATE_TABLES = [
  'sites_v1',
  'stations_v1',
  'customer_accounts_v1',
  'drivers_v1',
  'tokens_v1',
] as const;

export class RegistryTables1764300000000 implements MigrationInterface {
  name = 'RegistryTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of AGGREGATE_TABLES) {
      await queryRunner.query(`
        CREATE TABLE ${table} (
          operator_id text NOT NULL,
          id text NOT NULL,
          state jsonb NOT NULL,
          version bigint NOT NULL CHECK (version > 0),
          PRIMARY KEY (operator_id, id)
        )`);
    }
    await queryRunner.query(`
      CREATE TABLE registry_events_v1 (
        event_id uuid PRIMARY KEY,
        operator_id text NOT NULL,
        subject text NOT NULL,
        type text NOT NULL,
        stream_sequence bigint NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE driver_personal_data (
        operator_id text NOT NULL,
        driver_id text NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        PRIMARY KEY (operator_id, driver_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE customer_account_personal_data (
        operator_id text NOT NULL,
        account_id text NOT NULL,
        holder_name text NOT NULL,
        billing_address jsonb NOT NULL,
        vat_id text,
        PRIMARY KEY (operator_id, account_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE customer_account_personal_data');
    await queryRunner.query('DROP TABLE driver_personal_data');
    await queryRunner.query('DROP TABLE registry_events_v1');
    for (const table of [...AGGREGATE_TABLES].reverse())
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
