/**
 * Benchmark (a command, not a test): events/s of the projection runner — consume →
 * validate → batch upsert + processed ids + checkpoint in one transaction → ack — beside
 * raw JetStream consume+ack of the same messages, in the same run, on private servers
 * (started in a temp dir, never the machine's shared ones). The runner fetches ahead, as
 * rating's projections do. Prints each repetition, the ratios runner/raw and their
 * median, and beside each rate the CPU spent per event by this process, by Postgres and by
 * nats-server: the machine is shared, so rates move with other load while the CPU costs
 * show where each event's work is done. From the runner's CPU per event it also prints an
 * upper estimate of its rate on this machine's cores (see measured-run.ts), and that
 * estimate's ratio to raw. Trace context is propagated as in every service, and each
 * session's events carry a trace of their own.
 *
 *   node -r @swc-node/register libs/platform/eventstore/bench/projection-runner.bench.ts [events] [repetitions]
 */
import { randomBytes } from 'node:crypto';
import { AckPolicy, connect, type JetStreamClient, type JetStreamManager, type JsMsg } from 'nats';
import { z } from 'zod';
import {
  CONSUMER_DEFAULTS,
  eventCatalog,
  isolatedNamespace,
  streamSpecs,
  Subjects,
  type ConsumerSpec,
} from '@chargeledger/contracts';
import { provisionTopology } from '@chargeledger/platform/messaging';
import {
  boundRatio,
  cpuBoundText,
  cpuPerItemText,
  ensureLocalStack,
  figure,
  median,
  medianOfMeasured,
  serverCpu,
  startMeasuredRun,
  type MeasuredRun,
  type ServerCpu,
} from '@chargeledger/platform/local-stack';
import {
  createServiceDataSource,
  migrate,
  PLATFORM_MIGRATIONS,
} from '@chargeledger/platform/persistence';
import {
  extractFromRecord,
  installTracing,
  runInTraceContext,
} from '@chargeledger/shared/observability';
import { aChargingSession } from '@chargeledger/testing';
import { EventAppender } from '../src/append/event-appender';
import { ProjectionRunner } from '../src/consume/projection-runner';
import { DeadLetterStore } from '../src/dead-letters/dead-letter.store';
import { CountingProjection } from '../src/testing/eventstore.fixture';

const EVENTS = Number(process.argv[2] ?? '30000');
const REPETITIONS = Number(process.argv[3] ?? '3');
const BATCH = 500;
const namespace = isolatedNamespace('bench');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * Raw baselines: consume and ack with no work at all, either one fetch at a time or with
 * the next fetch issued before acking (as the runner does with `fetchAhead`).
 */
async function rawConsumeAndAck(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  fetchAhead: boolean,
  servers: ServerCpu,
): Promise<MeasuredRun> {
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    max_ack_pending: 1_000,
  });
  const consumer = await js.consumers.get(stream, durable);
  const fetchBatch = async (): Promise<JsMsg[]> => {
    const messages: JsMsg[] = [];
    for await (const message of await consumer.fetch({ max_messages: BATCH, expires: 2_000 }))
      messages.push(message);
    return messages;
  };
  const started = await startMeasuredRun(servers);
  let received = 0;
  let next = fetchBatch();
  while (received < EVENTS) {
    const messages = await next;
    const more = received + messages.length < EVENTS;
    if (fetchAhead && more) next = fetchBatch();
    for (const message of messages) message.ack();
    received += messages.length;
    if (!fetchAhead && more) next = fetchBatch();
  }
  return await started.end(EVENTS);
}

async function projectionPipeline(context: {
  js: JetStreamClient;
  jsm: JetStreamManager;
  databaseUrl: string;
  stream: string;
  durable: string;
  spec: ConsumerSpec;
  servers: ServerCpu;
}): Promise<MeasuredRun> {
  const { js, jsm, stream, durable } = context;
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    max_ack_pending: 1_000,
  });
  const schema = `bench_${durable.replace(/-/g, '_')}`;
  const dataSource = createServiceDataSource({
    url: context.databaseUrl,
    schema,
    poolSize: 4,
    applicationName: 'bench',
    entities: [],
    migrations: [...PLATFORM_MIGRATIONS],
  });
  await dataSource.initialize();
  await migrate(dataSource, schema);
  await dataSource.query(
    'CREATE TABLE session_event_counts (session_id text PRIMARY KEY, operator_id text NOT NULL, events integer NOT NULL)',
  );
  const runner = new ProjectionRunner({
    js,
    dataSource,
    catalog: eventCatalog,
    deadLetters: new DeadLetterStore(dataSource, js, new Subjects(namespace)),
    projection: new CountingProjection(),
    stream,
    durable,
    ordered: true,
    maxDeliver: context.spec.maxDeliver,
    batchSizeMax: BATCH,
    fetchExpiresMs: 2_000,
    nakDelayMs: 100,
    errorBackoffMaxMs: 1_000,
    fetchAhead: true,
    log: (event, detail) => log(`${event} ${JSON.stringify(detail)}`),
  });
  const started = await startMeasuredRun(context.servers);
  let handled = 0;
  while (handled < EVENTS) handled += await runner.runOnce();
  const run = await started.end(EVENTS);
  await runner.stop();
  const counted = z
    .array(z.object({ n: z.coerce.number() }))
    .parse(await dataSource.query('SELECT sum(events) AS n FROM session_event_counts'))[0]?.n;
  if (counted !== EVENTS)
    throw new Error(`projection counted ${String(counted)} of ${EVENTS} events`);
  await dataSource.destroy();
  return run;
}

function elapsedSeconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  // As every service does: trace context is propagated (exporting spans is a deployment's
  // choice, and its cost is the exporter's, not the runner's).
  installTracing({ app: 'bench', enabled: false, endpoint: 'http://127.0.0.1:4318' });
  const stack = await ensureLocalStack({
    natsUrl: 'nats://127.0.0.1:1',
    databaseUrl: 'postgres://postgres@127.0.0.1:2/postgres',
    log,
  });
  const connection = await connect({ servers: stack.natsUrl });
  try {
    const js = connection.jetstream();
    const jsm = await connection.jetstreamManager();
    const servers = await serverCpu(stack.natsUrl, stack.databaseUrl);
    const specs = streamSpecs(namespace, 1);
    const spec: ConsumerSpec = {
      ...CONSUMER_DEFAULTS,
      stream: 'EVT_INGESTION',
      durable: 'unused',
      filterSubject: new Subjects(namespace).eventFilter('ingestion'),
    };
    await provisionTopology(
      jsm,
      { namespace, streams: [specs.EVT_INGESTION, specs.DLQ], consumers: [] },
      () => undefined,
    );
    // Each session's events carry its trace, as events published inside a traced request do.
    const events = Array.from({ length: Math.ceil(EVENTS / 3) }, (_, i) => {
      const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
      return aChargingSession()
        .withTransaction(`bench-${i}`)
        .withReading(5, '1500')
        .endingAfter(10, '2000')
        .events(namespace)
        .map((event) => ({ ...event, traceparent }));
    })
      .flat()
      .slice(0, EVENTS);
    const publishStarted = process.hrtime.bigint();
    // Published inside a trace, so the messages carry trace headers as services' do.
    const publishing = extractFromRecord({ traceparent: events[0]?.traceparent });
    await runInTraceContext(publishing, () => new EventAppender(js).append(events));
    log(`published ${EVENTS} events in ${elapsedSeconds(publishStarted).toFixed(2)} s`);

    const rows: string[] = [];
    // Runner rate over plain raw rate, per repetition: the shared machine's load moves
    // both, so the median ratio is the figure to compare between runs.
    const ratios: number[] = [];
    const boundRatios: (number | undefined)[] = [];
    // Repetition 0 warms the JIT up (the first raw pass ran at twice the CPU per event)
    // and is printed but not counted.
    for (let rep = 0; rep <= REPETITIONS; rep++) {
      const stream = specs.EVT_INGESTION.name;
      const plain = await rawConsumeAndAck(js, jsm, stream, `raw-plain-${rep}`, false, servers);
      const ahead = await rawConsumeAndAck(js, jsm, stream, `raw-ahead-${rep}`, true, servers);
      const runner = await projectionPipeline({
        js,
        jsm,
        databaseUrl: stack.databaseUrl,
        stream,
        durable: `projection-${rep}`,
        spec,
        servers,
      });
      const rate = (run: MeasuredRun): string =>
        `${run.itemsPerSecond.toFixed(0)} ev/s (${cpuPerItemText(run, 'ev')})`;
      const ratio = runner.itemsPerSecond / plain.itemsPerSecond;
      rows.push(
        `rep ${rep === 0 ? '0 (warm-up)' : rep}: raw consume+ack ${rate(plain)}, raw with fetch-ahead ${rate(ahead)}\n` +
          `  projection runner: ${rate(runner)}, ratio ${ratio.toFixed(2)} to raw, ` +
          `${(runner.itemsPerSecond / ahead.itemsPerSecond).toFixed(2)} to raw with fetch-ahead\n` +
          `  runner's ${cpuBoundText(runner, 'ev', { name: 'raw', perSecond: plain.itemsPerSecond })}`,
      );
      if (rep > 0) {
        ratios.push(ratio);
        boundRatios.push(boundRatio(runner, plain.itemsPerSecond));
      }
      log(rows[rows.length - 1] ?? '');
    }
    rows.push(
      `median over ${REPETITIONS} repetitions: ratio ${median(ratios).toFixed(2)} to raw consume+ack ` +
        `(target >= 0.5); upper estimate from CPU ${figure(medianOfMeasured(boundRatios), 2)}`,
    );
    process.stdout.write(`${rows.join('\n')}\n`);
  } finally {
    await connection.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  log(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exitCode = 1;
});
