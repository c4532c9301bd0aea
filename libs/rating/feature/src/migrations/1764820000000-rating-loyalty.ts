/**
 * Member prices and loyalty. From the registry's log, as histories with the envelope time
 * they were recorded at: `rating_group_memberships_v1` (a driver added to or removed from
 * a group), `rating_group_tariffs_v1` (a tariff assigned to a group, at one station or
 * everywhere), `rating_loyalty_tiers_v1` (a member's tier as joined and changed),
 * `rating_loyalty_credit_grants_v1` (points a member redeemed for bill credit). From
 * rating's own log: `rating_loyalty_programmes_v1`, each definition of an operator's
 * programme, and `rating_loyalty_credit_uses_v1`, the credit each session took (at most
 * one use per session; its stream sequence is the member's credit version). Keyed by event ids only, so any interleaving and a rebuild give the same rows.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingLoyalty1764820000000 implements MigrationInterface {
  name = 'RatingLoyalty1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rating_group_memberships_v1 (
        operator_id text NOT NULL,
        driver_id uuid NOT NULL,
        event_id uuid NOT NULL,
        group_id text NOT NULL,
        member boolean NOT NULL,
        changed_at text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, driver_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_group_tariffs_v1 (
        operator_id text NOT NULL,
        event_id uuid NOT NULL,
        group_id text NOT NULL,
        tariff_id text NOT NULL,
        station_id text,
        assigned_at text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_loyalty_tiers_v1 (
        operator_id text NOT NULL,
        driver_id uuid NOT NULL,
        event_id uuid NOT NULL,
        tier text NOT NULL,
        changed_at text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, driver_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_loyalty_programmes_v1 (
        operator_id text NOT NULL,
        event_id uuid NOT NULL,
        tiers jsonb NOT NULL,
        point_value jsonb,
        defined_at text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_loyalty_credit_grants_v1 (
        operator_id text NOT NULL,
        driver_id uuid NOT NULL,
        event_id uuid NOT NULL,
        points integer NOT NULL CHECK (points > 0),
        redeemed_at text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, driver_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE rating_loyalty_credit_uses_v1 (
        operator_id text NOT NULL,
        driver_id uuid NOT NULL,
        event_id uuid NOT NULL,
        session_id uuid NOT NULL,
        amount text NOT NULL,
        currency text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (operator_id, driver_id, event_id),
        UNIQUE (operator_id, session_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'rating_loyalty_credit_uses_v1',
      'rating_loyalty_credit_grants_v1',
      'rating_loyalty_programmes_v1',
      'rating_loyalty_tiers_v1',
      'rating_group_tariffs_v1',
      'rating_group_memberships_v1',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
  }
}
