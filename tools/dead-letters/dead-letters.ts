/**
 * `npm run dead-letters -- <list|replay> --app <service> [--consumer NAME] [--sequence N ...]
 * [--limit N] [--json]`: lists a service's dead letters, or requests their replay after a
 * fix. The running service performs the replay through its own projection runner (the
 * same exactly-once path as live messages), so this command only marks what to replay.
 *
 * Environment: DATABASE_URL (default local), DB_SCHEMA (default: the service name).
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { CONTEXTS, type App } from '@chargeledger/contracts';
import { DeadLetterQueries } from '@chargeledger/platform/eventstore';
import { createServiceDataSource } from '@chargeledger/platform/persistence';

const USAGE =
  'usage: dead-letters <list|replay> --app <service> [--consumer NAME] [--sequence N ...] [--limit N] [--json]';

function fail(message: string): never {
  process.stderr.write(`dead-letters: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(): {
  action: 'list' | 'replay';
  app: App;
  consumer?: string;
  sequences?: number[];
  limit: number;
  json: boolean;
} {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      app: { type: 'string' },
      consumer: { type: 'string' },
      sequence: { type: 'string', multiple: true },
      limit: { type: 'string', default: '100' },
      json: { type: 'boolean', default: false },
    },
  });
  const action = positionals[0];
  if (action !== 'list' && action !== 'replay')
    fail(`unknown action ${JSON.stringify(action ?? '')}`);
  const app = CONTEXTS.find((c) => c === values.app);
  if (app === undefined) fail(`--app must be one of ${CONTEXTS.join(', ')}`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000)
    fail('--limit must be an integer in 1..1000');
  const sequences = values.sequence?.map((s) =>
    /^\d+$/.test(s) ? Number(s) : fail(`--sequence ${s} is not a stream sequence`),
  );
  if (action === 'replay' && values.consumer === undefined) fail('replay needs --consumer');
  return {
    action,
    app,
    limit,
    json: values.json,
    ...(values.consumer === undefined ? {} : { consumer: values.consumer }),
    ...(sequences === undefined ? {} : { sequences }),
  };
}

async function main(): Promise<void> {
  const args = parse();
  const dataSource: DataSource = createServiceDataSource({
    url: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    schema: process.env['DB_SCHEMA'] ?? args.app,
    poolSize: 1,
    applicationName: 'chargeledger-dead-letters',
    entities: [],
    migrations: [],
  });
  await dataSource.initialize();
  const store = new DeadLetterQueries(dataSource);
  try {
    if (args.action === 'replay' && args.consumer !== undefined) {
      const marked = await store.requestReplay(args.consumer, args.sequences);
      process.stdout.write(
        `${marked} dead letter(s) of ${args.consumer} marked for replay; the running ${args.app} service replays them\n`,
      );
      return;
    }
    const rows = await store.list(args.consumer, args.limit);
    if (args.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    if (rows.length === 0) process.stdout.write('no dead letters\n');
    for (const row of rows) {
      const state =
        row.replayed_at !== null
          ? 'replayed'
          : row.replay_requested_at !== null
            ? 'replay requested'
            : 'parked';
      process.stdout.write(
        `${row.consumer} ${row.stream}#${row.stream_sequence} ${row.subject} ${row.error_code} [${state}]\n  ${row.error_message.split('\n')[0] ?? ''}${row.replay_error === null ? '' : `\n  last replay failed: ${row.replay_error}`}\n`,
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dead-letters: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
