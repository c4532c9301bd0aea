/**
 * The exactly-once guard every consuming service shares: a handler's effect and the
 * record of the event as processed commit in one transaction, and the primary key makes
 * a redelivered or re-published event a no-op. Checkpoints record progress per
 * (consumer, stream, partition); they are not the guard.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventProcessingTables1764201600000 implements MigrationInterface {
  name = 'EventProcessingTables1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        operator_id text NOT NULL,
        stream_sequence bigint NOT NULL,
        PRIMARY KEY (consumer, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE consumer_checkpoints (
        consumer text NOT NULL,
        stream text NOT NULL,
        partition smallint NOT NULL,
        last_sequence bigint NOT NULL CHECK (last_sequence >= 0),
        PRIMARY KEY (consumer, stream, partition)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE consumer_checkpoints');
    await queryRunner.query('DROP TABLE processed_events');
  }
}
