/**
 * ensureLocalStack against real servers: it must leave the machine's running NATS and
 * Postgres alone, and where nothing answers it must start working servers (real
 * `nats` and `pg` clients talk to them) and take them away again on stop(). Dead
 * ports come from the kernel, so the shared servers' ports are never touched.
 */
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { Client } from 'pg';
import { findFreePort } from './free-port.util';
import { ensureLocalStack, isReachable } from './index';

const sharedNatsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const sharedDatabaseUrl =
  process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const probeMs = 1_000;

function collectLog(): { lines: string[]; log: (message: string) => void } {
  const lines: string[] = [];
  return { lines, log: (message) => lines.push(message) };
}

async function selectOne(databaseUrl: string): Promise<unknown> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const result = await client.query<{ one: number }>('SELECT 1 AS one');
    return result.rows;
  } finally {
    await client.end();
  }
}

async function jetStreamAccountStreams(natsUrl: string): Promise<number> {
  const connection = await connect({ servers: natsUrl, timeout: 5_000, reconnect: false });
  try {
    const manager = await connection.jetstreamManager({ timeout: 5_000 });
    const info = await manager.getAccountInfo();
    return info.streams;
  } finally {
    await connection.close();
  }
}

describe('ensureLocalStack', () => {
  test('reuses the machine servers that answer and starts nothing', async () => {
    expect(await isReachable(sharedNatsUrl, probeMs)).toBe(true);
    expect(await isReachable(sharedDatabaseUrl, probeMs)).toBe(true);
    const { log } = collectLog();

    const stack = await ensureLocalStack({
      natsUrl: sharedNatsUrl,
      databaseUrl: sharedDatabaseUrl,
      log,
    });
    await stack.stop();

    expect(stack).toMatchObject({
      natsUrl: sharedNatsUrl,
      databaseUrl: sharedDatabaseUrl,
      started: { nats: false, postgres: false },
    });
    expect(await isReachable(sharedNatsUrl, probeMs)).toBe(true);
    expect(await isReachable(sharedDatabaseUrl, probeMs)).toBe(true);
  });

  test('starts nats-server and embedded Postgres where nothing answers, and stop() removes them', async () => {
    const deadNatsUrl = `nats://127.0.0.1:${await findFreePort()}`;
    const deadDatabaseUrl = `postgres://postgres@127.0.0.1:${await findFreePort()}/postgres`;
    const parentDir = await mkdtemp(join(tmpdir(), 'local-stack-spec-'));
    // mkdtemp makes it 0700; as root, Postgres runs as `postgres` and must reach inside.
    await chmod(parentDir, 0o711);
    const { lines, log } = collectLog();
    try {
      const stack = await ensureLocalStack({
        natsUrl: deadNatsUrl,
        databaseUrl: deadDatabaseUrl,
        log,
        dataDir: parentDir,
      });
      try {
        expect(stack.started).toEqual({ nats: true, postgres: true });
        expect(stack.natsUrl).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
        expect(stack.databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
        expect(await jetStreamAccountStreams(stack.natsUrl)).toBe(0);
        expect(await selectOne(stack.databaseUrl)).toEqual([{ one: 1 }]);
        expect(await readdir(parentDir)).toHaveLength(1);

        // A second caller pointed at the started servers reuses them.
        const reuse = await ensureLocalStack({
          natsUrl: stack.natsUrl,
          databaseUrl: stack.databaseUrl,
          log,
        });
        expect(reuse.started).toEqual({ nats: false, postgres: false });
      } finally {
        await stack.stop();
      }

      expect(await isReachable(stack.natsUrl, probeMs)).toBe(false);
      expect(await isReachable(stack.databaseUrl, probeMs)).toBe(false);
      expect(await readdir(parentDir)).toEqual([]);
      await stack.stop(); // idempotent
    } finally {
      process.stderr.write(`${lines.join('\n')}\n`);
      await rm(parentDir, { recursive: true, force: true });
    }
  }, 180_000);
});
