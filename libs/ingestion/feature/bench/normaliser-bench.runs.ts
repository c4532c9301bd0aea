/**
 * The two measured drains of the RAW_GATEWAY backlog: the GatewayNormaliser built as
 * ingestion.workers.ts builds it, and the bare relay of the same hops without logic. Each
 * checks afterwards that it did the whole job, so a faster number cannot come from
 * doing less.
 */
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { ServiceMetrics } from '@chargeledger/platform/service';
import { z } from 'zod';
import { eventCatalog, partitionOf, partitionToken } from '@chargeledger/contracts';
import {
  createServiceDataSource,
  migrate,
  PLATFORM_MIGRATIONS,
} from '@chargeledger/platform/persistence';
import {
  DEFAULT_APPENDER_OPTIONS,
  DeadLetterStore,
  durablesCaughtUp,
  EventAppender,
  ProjectionRunner,
} from '@chargeledger/platform/eventstore';
import {
  startMeasuredRun,
  type MeasuredRun,
  type ServerCpu,
} from '@chargeledger/platform/local-stack';
import { serviceConfigSchema } from '@chargeledger/shared/config';
import {
  INGESTION_POLICY,
  NORMALISER_LIMITS,
  REGISTRY_VIEW_LIMITS,
} from '../src/ingestion.settings';
import { INGESTION_MIGRATIONS } from '../src/migrations/ingestion.migrations';
import { GatewayNormaliser, INGESTION_GATEWAY_CONSUMER } from '../src/normalise/gateway-normaliser';
import {
  INGESTION_REGISTRY_CONSUMER,
  RegistryViewProjection,
} from '../src/registry-view/registry-view.projection';
import { RegistryViewQueries } from '../src/registry-view/registry-view.queries';
import {
  namespace,
  RELAY_DURABLE,
  specOf,
  specs,
  subjects,
  type Input,
} from './normaliser-bench.setup';

export interface Bench {
  readonly connection: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly databaseUrl: string;
  readonly input: Input;
  /** Messages in the backlog: each run drains exactly these. */
  readonly messages: number;
  readonly servers: ServerCpu;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

/** One measured drain of the backlog (its items are the raw messages) and the facts it yielded. */
export interface Run {
  readonly measured: MeasuredRun;
  readonly facts: number;
}

async function ingestionFacts(jsm: JetStreamManager): Promise<number> {
  return (await jsm.streams.info(specs.EVT_INGESTION.name)).state.messages;
}

export async function normaliserRun(bench: Bench, rep: number): Promise<Run> {
  const { js, jsm } = bench;
  const schema = `bench_ingestion_r${rep}`;
  const config = serviceConfigSchema({ app: 'ingestion', httpPort: 3002 }).parse({});
  const dataSource = createServiceDataSource({
    url: bench.databaseUrl,
    schema,
    poolSize: config.DB_POOL_SIZE,
    applicationName: 'chargeledger-ingestion-bench',
    entities: [],
    migrations: [...PLATFORM_MIGRATIONS, ...INGESTION_MIGRATIONS],
  });
  await dataSource.initialize();
  try {
    await migrate(dataSource, schema);
    const deadLetters = new DeadLetterStore(dataSource, js, subjects);
    const registrySpec = specOf(INGESTION_REGISTRY_CONSUMER);
    const registryStream = `${namespace.streamPrefix}${registrySpec.stream}`;
    const registryView = new ProjectionRunner({
      js,
      dataSource,
      catalog: eventCatalog,
      deadLetters,
      projection: new RegistryViewProjection(),
      stream: registryStream,
      durable: registrySpec.durable,
      ordered: true,
      maxDeliver: registrySpec.maxDeliver,
      ...REGISTRY_VIEW_LIMITS,
      log: bench.log,
    });
    for (let projected = 0; projected < bench.input.registryEvents;)
      projected += await registryView.runOnce();
    const gatewaySpec = specOf(INGESTION_GATEWAY_CONSUMER);
    const normaliser = new GatewayNormaliser({
      duplicates: new ServiceMetrics().counter('bench_duplicates_total', 'duplicates'),
      js,
      dataSource,
      appender: new EventAppender(js, DEFAULT_APPENDER_OPTIONS),
      registry: new RegistryViewQueries(dataSource),
      deadLetters,
      namespace,
      durable: gatewaySpec.durable,
      policy: INGESTION_POLICY,
      maxDeliver: gatewaySpec.maxDeliver,
      ...NORMALISER_LIMITS,
      registryViewCaughtUp: () => durablesCaughtUp(js, namespace, [registrySpec]),
      log: bench.log,
    });
    const clock = await startMeasuredRun(bench.servers);
    let pulled = 0;
    let facts = 0;
    while (pulled < bench.messages) {
      const batch = await normaliser.runOnce();
      if (batch.pulled === 0) throw new Error(`normaliser found no more after ${pulled}`);
      pulled += batch.pulled;
      facts += batch.published;
    }
    await bench.connection.flush();
    const run = { measured: await clock.end(bench.messages), facts };
    await checkNormalised(dataSource, jsm, bench.input, facts);
    return run;
  } finally {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  }
}

/**
 * The normaliser did the whole job: every session in Postgres, none refused or flagged,
 * at least the facts the traffic implies, and the stream holds what it reported.
 */
async function checkNormalised(
  dataSource: DataSource,
  jsm: JetStreamManager,
  input: Input,
  facts: number,
): Promise<void> {
  const counts = z
    .array(z.object({ n: z.coerce.number() }))
    .parse(
      await dataSource.query(
        `SELECT count(*) AS n FROM ingestion_rejections_v1
         UNION ALL SELECT count(*) FROM ingestion_sessions_v1 WHERE needs_review
         UNION ALL SELECT count(*) FROM ingestion_sessions_v1
         UNION ALL SELECT count(*) FROM ingestion_sessions_v1 WHERE status = 'ended'`,
      ),
    )
    .map((row) => row.n);
  const stored = await ingestionFacts(jsm);
  const wanted = [0, 0, input.sessionsStarted, input.sessionsEnded];
  if (
    JSON.stringify(counts) !== JSON.stringify(wanted) ||
    facts < input.factsMin ||
    stored !== facts
  )
    throw new Error(
      `normaliser: [rejections, flagged, sessions, ended] = ${JSON.stringify(counts)}, want ${JSON.stringify(wanted)}; ` +
        `${facts} facts published (at least ${input.factsMin} wanted), ${stored} in the stream`,
    );
}

export /** The same hops without logic: pull, republish pipelined with a msg id, ack after the acks. */
async function bareRelayRun(bench: Bench): Promise<Run> {
  const { js, jsm } = bench;
  const consumer = await js.consumers.get(specs.RAW_GATEWAY.name, RELAY_DURABLE);
  const gwPrefix = `${namespace.subjectPrefix}gw.`;
  const evtPrefix = `${namespace.subjectPrefix}evt.ingestion.`;
  const clock = await startMeasuredRun(bench.servers);
  let relayed = 0;
  while (relayed < bench.messages) {
    const messages = [];
    const batch = await consumer.fetch({
      max_messages: NORMALISER_LIMITS.batchSizeMax,
      expires: NORMALISER_LIMITS.fetchExpiresMs,
    });
    for await (const message of batch) messages.push(message);
    if (messages.length === 0) throw new Error(`relay found no more after ${relayed}`);
    await Promise.all(
      messages.map((message) => {
        const [operator = '', station = ''] = message.subject.slice(gwPrefix.length).split('.');
        const partition = partitionToken(partitionOf(station));
        const msgID = message.headers?.get('Nats-Msg-Id') ?? String(message.seq);
        return js.publish(`${evtPrefix}${operator}.relay.${partition}.${station}`, message.data, {
          msgID,
          timeout: DEFAULT_APPENDER_OPTIONS.publishTimeoutMs,
        });
      }),
    );
    for (const message of messages) message.ack();
    relayed += messages.length;
  }
  await bench.connection.flush();
  const run = { measured: await clock.end(bench.messages), facts: relayed };
  const stored = await ingestionFacts(jsm);
  if (stored !== bench.messages)
    throw new Error(`relay stored ${stored} of ${bench.messages} messages`);
  return run;
}
