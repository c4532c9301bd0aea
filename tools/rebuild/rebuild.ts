/**
 * `npm run rebuild -- --app <service> --projection <consumer> [--keep]`, or `--list`:
 * rebuilds one of a service's projections from stream sequence 1 into `<schema>_rebuild`,
 * up to where the live projection stands (for a partitioned family, every partition's
 * checkpoint), then compares both by the SHA-256 of their canonical dumps. Progress goes
 * to stderr; the comparison to stdout, naming the first differing row. Exit 0 when equal
 * (the rebuild schema is dropped unless --keep), 1 when they differ (the rebuild schema
 * is kept for inspection), 2 on bad usage. The live projection keeps running meanwhile.
 *
 * Environment, as the service reads it: NATS_URL, DATABASE_URL, DB_SCHEMA (default: the
 * service name), EVENT_NAMESPACE (default: none, production's).
 */
import { parseArgs } from 'node:util';
import { connect } from 'nats';
import {
  consumerSpecsOf,
  CONTEXTS,
  eventCatalog,
  isolatedNamespace,
  PRODUCTION_NAMESPACE,
  type App,
} from '@chargeledger/contracts';
import { INGESTION_MIGRATIONS, INGESTION_PROJECTIONS } from '@chargeledger/ingestion/feature';
import {
  formatVerification,
  liveSourceOf,
  rebuildProjection,
  UnknownProjectionError,
  verifyProjection,
  type Projection,
  type RebuildProgress,
} from '@chargeledger/platform/eventstore';
import { createServiceDataSource, type MigrationClass } from '@chargeledger/platform/persistence';
import { RATING_MIGRATIONS, RATING_PROJECTIONS } from '@chargeledger/rating/feature';
import { REGISTRY_MIGRATIONS, REGISTRY_PROJECTIONS } from '@chargeledger/registry/feature';
import { loadConfig, serviceConfigSchema } from '@chargeledger/shared/config';

const SERVICES: Partial<
  Record<App, { migrations: readonly MigrationClass[]; projections: readonly Projection[] }>
> = {
  registry: { migrations: REGISTRY_MIGRATIONS, projections: REGISTRY_PROJECTIONS },
  ingestion: { migrations: INGESTION_MIGRATIONS, projections: INGESTION_PROJECTIONS },
  rating: { migrations: RATING_MIGRATIONS, projections: RATING_PROJECTIONS },
};
const USAGE =
  'usage: rebuild --app <registry|ingestion|rating> (--projection <consumer> [--keep] | --list)';
const PROGRESS_EVERY_MS = 1_000;

function fail(message: string): never {
  process.stderr.write(`rebuild: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse() {
  const { values } = parseArgs({
    options: {
      app: { type: 'string' },
      projection: { type: 'string' },
      keep: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
    },
  });
  const app = CONTEXTS.find((name) => name === values.app);
  const service = app === undefined ? undefined : SERVICES[app];
  if (app === undefined || service === undefined)
    fail(`--app must be one of ${Object.keys(SERVICES).join(', ')}`);
  if (!values.list && values.projection === undefined) fail('--projection or --list is needed');
  return { ...values, app, service };
}

function progressPrinter(): (progress: RebuildProgress) => void {
  let printedAt = 0;
  return (progress) => {
    const done = progress.sequence >= progress.lastSequence;
    if (!done && Date.now() - printedAt < PROGRESS_EVERY_MS) return;
    printedAt = Date.now();
    process.stderr.write(
      `${progress.stream}: sequence ${progress.sequence} of ${progress.lastSequence} (${progress.percent}%), ${progress.applied} events applied\n`,
    );
  };
}

async function main(): Promise<void> {
  const args = parse();
  if (args.list) {
    for (const projection of args.service.projections)
      process.stdout.write(
        `${projection.consumer}: ${projection.tables.map((t) => t.name).join(', ')}\n`,
      );
    return;
  }
  const projection = args.service.projections.find((p) => p.consumer === args.projection);
  if (projection === undefined)
    fail(
      `${args.app} has no projection ${args.projection ?? ''}; see --list (${args.service.projections.map((p) => p.consumer).join(', ')})`,
    );
  const config = loadConfig(serviceConfigSchema({ app: args.app, httpPort: 0 }), process.env);
  const namespace =
    config.EVENT_NAMESPACE === ''
      ? PRODUCTION_NAMESPACE
      : isolatedNamespace(config.EVENT_NAMESPACE);
  let live;
  try {
    live = liveSourceOf(consumerSpecsOf(args.app, namespace), projection.consumer, namespace);
  } catch (error) {
    if (error instanceof UnknownProjectionError) fail(error.message);
    throw error;
  }
  const nats = await connect({ servers: config.NATS_URL, name: 'chargeledger-rebuild' });
  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    schema: config.DB_SCHEMA,
    poolSize: 2,
    applicationName: 'chargeledger-rebuild',
    entities: [],
    migrations: [],
  });
  try {
    const result = await rebuildProjection({
      js: nats.jetstream(),
      catalog: eventCatalog,
      databaseUrl: config.DATABASE_URL,
      liveSchema: config.DB_SCHEMA,
      projection,
      liveConsumers: live.durables,
      sources: [live.source],
      migrations: args.service.migrations,
      batchSizeMax: 500,
      fetchExpiresMs: 2_000,
      consumerInactiveMs: 60_000,
      onProgress: progressPrinter(),
    });
    await dataSource.initialize();
    const verification = await verifyProjection({
      dataSource,
      liveSchema: config.DB_SCHEMA,
      rebuildSchema: result.schema,
      tables: projection.tables,
    });
    process.stdout.write(`${formatVerification(verification)}\n`);
    if (!verification.equal) {
      process.stdout.write(`the rebuild is kept in schema ${result.schema}\n`);
      process.exitCode = 1;
    } else if (args.keep) process.stdout.write(`the rebuild is kept in schema ${result.schema}\n`);
    else await dataSource.query(`DROP SCHEMA "${result.schema}" CASCADE`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await nats.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuild: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
