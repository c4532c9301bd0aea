/**
 * Test infrastructure: reuse the NATS and Postgres named by NATS_URL / DATABASE_URL (or
 * the local defaults) when they answer, else start private ones. Each suite then gets its
 * own stream namespace and schema prefix and removes them afterwards, so suites share
 * servers without seeing each other and leave nothing behind.
 */
import { connect } from 'nats';
import { Client } from 'pg';
import { isolatedNamespace, type Namespace } from '@chargeledger/contracts';
import { ensureLocalStack, type LocalStack } from '@chargeledger/platform/local-stack';
import { suiteLabel, sweepStaleSuites } from './stale-suites.sweep';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface IsolatedSuite {
  readonly label: string;
  readonly namespace: Namespace;
  /** Prefix for every schema the suite creates: `<prefix><name>`. */
  readonly schemaPrefix: string;
  readonly natsUrl: string;
  readonly databaseUrl: string;
  /** Deletes the suite's streams and schemas and stops servers it started. */
  cleanup(): Promise<void>;
}

/** Once per test process, leftovers of killed suites are removed first. */
let sweptOnce: Promise<string[]> | undefined;

export async function startIsolatedSuite(
  env: NodeJS.ProcessEnv = process.env,
): Promise<IsolatedSuite> {
  const stack: LocalStack = await ensureLocalStack({
    natsUrl: env['NATS_URL'] ?? DEFAULT_NATS_URL,
    databaseUrl: env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
    log: (message) => process.stderr.write(`test stack: ${message}\n`),
  });
  sweptOnce ??= sweepStaleSuites(stack.natsUrl, stack.databaseUrl, Date.now());
  await sweptOnce;
  const label = suiteLabel(Date.now());
  const namespace = isolatedNamespace(label);
  const schemaPrefix = `t_${label}_`;
  return {
    label,
    namespace,
    schemaPrefix,
    natsUrl: stack.natsUrl,
    databaseUrl: stack.databaseUrl,
    cleanup: async () => {
      await deleteStreams(stack.natsUrl, namespace.streamPrefix);
      await dropSchemas(stack.databaseUrl, schemaPrefix);
      await stack.stop();
    },
  };
}

async function deleteStreams(natsUrl: string, streamPrefix: string): Promise<void> {
  const connection = await connect({ servers: natsUrl, timeout: 5_000, reconnect: false });
  try {
    const jsm = await connection.jetstreamManager();
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(streamPrefix)) await jsm.streams.delete(name);
    }
  } finally {
    await connection.close();
  }
}

async function dropSchemas(databaseUrl: string, schemaPrefix: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)',
      [schemaPrefix],
    );
    for (const { nspname } of result.rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
}
