/**
 * A projection worker as its own process, for crash tests: runs the counting projection
 * on an existing stream, durable and schema until the stream is drained. With
 * FAULT_HOOKS=projection-after-commit=crash it dies by SIGKILL right after its first
 * commit, before any ack — the window exactly-once processing must survive.
 *
 * Environment: NATS_URL, DATABASE_URL, DB_SCHEMA, STREAM, DURABLE, SUBJECT_PREFIX,
 * FAULT_HOOKS.
 */
import { connect } from 'nats';
import { z } from 'zod';
import { eventCatalog, Subjects } from '@chargeledger/contracts';
import { createServiceDataSource } from '@chargeledger/platform/persistence';
import { configureFaultHooks } from '@chargeledger/shared/fault-hooks';
import { ProjectionRunner } from '../consume/projection-runner';
import { DeadLetterStore } from '../dead-letters/dead-letter.store';
import { CountingProjection } from './eventstore.fixture';

const env = z
  .object({
    NATS_URL: z.string(),
    DATABASE_URL: z.string(),
    DB_SCHEMA: z.string(),
    STREAM: z.string(),
    DURABLE: z.string(),
    SUBJECT_PREFIX: z.string(),
    FAULT_HOOKS: z.string().default(''),
  })
  .parse(process.env);

async function main(): Promise<void> {
  configureFaultHooks(env.FAULT_HOOKS);
  const connection = await connect({ servers: env.NATS_URL });
  const js = connection.jetstream();
  const dataSource = createServiceDataSource({
    url: env.DATABASE_URL,
    schema: env.DB_SCHEMA,
    poolSize: 2,
    applicationName: 'projection-worker',
    entities: [],
    migrations: [],
  });
  await dataSource.initialize();
  const runner = new ProjectionRunner({
    js,
    dataSource,
    catalog: eventCatalog,
    deadLetters: new DeadLetterStore(
      dataSource,
      js,
      new Subjects({ streamPrefix: '', subjectPrefix: env.SUBJECT_PREFIX }),
    ),
    projection: new CountingProjection(),
    stream: env.STREAM,
    durable: env.DURABLE,
    ordered: true,
    maxDeliver: 5,
    batchSizeMax: 500,
    fetchExpiresMs: 1_000,
    nakDelayMs: 100,
    errorBackoffMaxMs: 1_000,
    log: (event, detail) => process.stderr.write(`${event} ${JSON.stringify(detail)}\n`),
  });
  const deadline = Date.now() + 30_000;
  let idleBatches = 0;
  while (idleBatches < 3 && Date.now() < deadline) {
    idleBatches = (await runner.runOnce()) === 0 ? idleBatches + 1 : 0;
  }
  await dataSource.destroy();
  await connection.drain();
}

main().catch((error: unknown) => {
  process.stderr.write(`projection worker failed: ${String(error)}\n`);
  process.exitCode = 1;
});
