/**
 * A batch's own use of its Postgres connection, below TypeORM. `sendPipelined` sends a
 * few statements in one go, in the pg driver's pipeline mode, instead of waiting a round
 * trip for each: a batch opens its transaction together with its claim and sends its
 * checkpoint together with its COMMIT. On a busy machine each round trip also waits for
 * Postgres and this process to be scheduled, so two fewer per batch show in throughput.
 * Postgres runs the statements in order and answers each; inside the batch's transaction
 * a failed statement fails every later one (a COMMIT is answered with ROLLBACK), so
 * nothing after a failure takes effect.
 *
 * Pipeline mode is switched on only while these statements are in flight, on a connection
 * the caller holds alone (a batch's transaction) with nothing else pending on it.
 */
import type { QueryRunner } from 'typeorm';
import { settleAll } from './settle-all';

export interface Statement {
  /**
   * Named statements are parsed and planned once per connection, not on every batch;
   * a name must always go with the same text.
   */
  readonly name?: string;
  readonly text: string;
  readonly values?: readonly unknown[];
}

export interface StatementResult {
  readonly command: string;
  readonly rows: readonly unknown[];
}

interface PgClient {
  pipeline: boolean;
  /** The driver's socket: corked while a pipeline is sent, so it goes out in one write. */
  readonly connection: { readonly stream: { cork(): void; uncork(): void } };
  query(statement: {
    name: string | undefined;
    text: string;
    values: unknown[] | undefined;
  }): Promise<StatementResult>;
  /** 'I' idle, 'T' in a transaction, 'E' in a failed transaction (as Postgres last said). */
  getTransactionStatus(): string | null;
}

function pgClient(client: unknown): PgClient {
  if (
    typeof client !== 'object' ||
    client === null ||
    !('pipeline' in client) ||
    typeof client.pipeline !== 'boolean' ||
    !('query' in client) ||
    typeof client.query !== 'function' ||
    !('getTransactionStatus' in client) ||
    typeof client.getTransactionStatus !== 'function' ||
    !('connection' in client) ||
    !isCorkable(client.connection)
  )
    throw new Error('the Postgres driver in use has no pipeline mode');
  return client as PgClient;
}

function isCorkable(connection: unknown): boolean {
  if (typeof connection !== 'object' || connection === null || !('stream' in connection))
    return false;
  const { stream } = connection;
  return (
    typeof stream === 'object' &&
    stream !== null &&
    'cork' in stream &&
    typeof stream.cork === 'function' &&
    'uncork' in stream &&
    typeof stream.uncork === 'function'
  );
}

/**
 * Runs the statements in order in one round trip, sent in one socket write (each is a
 * system call, dearer than the statements' own encoding); rejects with the first error.
 */
export async function sendPipelined(
  tx: QueryRunner,
  statements: readonly Statement[],
): Promise<StatementResult[]> {
  const client = pgClient(await tx.connect());
  if (client.pipeline) throw new Error('connection is already in pipeline mode');
  client.pipeline = true;
  try {
    const { stream } = client.connection;
    stream.cork();
    let sent: Promise<StatementResult>[];
    try {
      sent = statements.map(({ name, text, values }) =>
        client.query({ name, text, values: values && [...values] }),
      );
    } finally {
      stream.uncork();
    }
    return await settleAll(sent);
  } finally {
    // Only once every reply is in: the driver matches replies to queries in this mode.
    client.pipeline = false;
  }
}

/** Rolls back the transaction open on the connection, if any (none after a COMMIT). */
export async function rollbackIfOpen(tx: QueryRunner): Promise<void> {
  if (pgClient(await tx.connect()).getTransactionStatus() !== 'I') await tx.query('ROLLBACK');
}

/**
 * Opens a transaction and runs `statement` in it, in one round trip. Only on an idle
 * connection: there BEGIN cannot fail on its own (a lost connection fails both), which
 * matters because the statement after a failed BEGIN would run, and commit, by itself.
 */
export async function beginWith(tx: QueryRunner, statement: Statement): Promise<StatementResult> {
  const status = pgClient(await tx.connect()).getTransactionStatus();
  if (status !== 'I')
    throw new Error(`connection is not idle (transaction status ${String(status)})`);
  const [, result] = await sendPipelined(tx, [{ text: 'BEGIN' }, statement]);
  if (result === undefined) throw new Error('no result for the statement after BEGIN');
  return result;
}
