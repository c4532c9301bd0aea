/**
 * Dead letters: messages a consumer could not process (invalid, or failing past max
 * deliver), kept with where they came from and why, until a fix lets them be replayed.
 * The key is the message's place in its stream, so recording one twice is a no-op.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadLetters1764201600001 implements MigrationInterface {
  name = 'DeadLetters1764201600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dead_letters (
        consumer text NOT NULL,
        stream text NOT NULL,
        stream_sequence bigint NOT NULL,
        subject text NOT NULL,
        event_id text,
        operator_id text,
        error_code text NOT NULL,
        error_message text NOT NULL,
        delivery_count integer NOT NULL,
        payload bytea NOT NULL,
        dead_lettered_at timestamptz NOT NULL DEFAULT now(),
        replay_requested_at timestamptz,
        replayed_at timestamptz,
        replay_error text,
        PRIMARY KEY (consumer, stream, stream_sequence)
      )`);
    await queryRunner.query(
      'CREATE INDEX dead_letters_replay_requested ON dead_letters (consumer) WHERE replay_requested_at IS NOT NULL AND replayed_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dead_letters');
  }
}
