/**
 * Benchmark (a command, not a test): gateway messages through ingestion's normaliser into
 * normalized facts, beside a bare relay of the same hops without logic, in the same run, on
 * private servers (started in a temp dir, never the machine's shared ones).
 *
 * Before timing, the registry facts (stations, fleet accounts, RFID cards) go to
 * EVT_REGISTRY and the gateways' traffic (gateway-traffic.generator.ts: 200 stations by
 * default, sessions of Started + 20-70 Updated + Ended with status reports) to RAW_GATEWAY
 * through the RawGatewayWriter. Each repetition then drains that same backlog twice, in
 * alternating order, each time into a freshly created EVT_INGESTION through freshly
 * provisioned durables (normaliser-bench.runs.ts):
 *   - normaliser: the GatewayNormaliser built as ingestion.workers.ts builds it (service
 *     consumer spec, NORMALISER_LIMITS, INGESTION_POLICY, default appender) on a fresh
 *     schema whose registry view was projected (untimed) by the service's projection;
 *   - bare relay: pull the same batch size from another durable with the same spec,
 *     republish every message pipelined to an `evt.ingestion…` subject with a msg id,
 *     ack each after all publish acks.
 * Both runs are checked afterwards (every session stored, none refused or flagged, at
 * least the facts the traffic implies), so a faster number cannot come from doing less.
 * Beside each rate: this process's CPU per message; the machine is shared, so rates move
 * with other load while the CPU cost shows where the process's own time goes.
 *
 *   node -r @swc-node/register libs/ingestion/feature/bench/gateway-normaliser.bench.ts [messages] [repetitions] [stations]
 */
import { connectToNats } from '@chargeledger/platform/messaging';
import { ensureLocalStack } from '@chargeledger/platform/local-stack';
import { NORMALISER_LIMITS } from '../src/ingestion.settings';
import { publishInput, resetTopology } from './normaliser-bench.setup';
import {
  bareRelayRun,
  normaliserRun,
  startClock,
  type Bench,
  type Run,
} from './normaliser-bench.runs';

const BATCH = NORMALISER_LIMITS.batchSizeMax;
// a whole number of batches, so no run ends waiting for a short last fetch to expire
const MESSAGES = Math.ceil(Number(process.argv[2] ?? '20000') / BATCH) * BATCH;
const REPETITIONS = Number(process.argv[3] ?? '5');
const STATIONS = Number(process.argv[4] ?? '200');
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const logDetail = (event: string, detail: Record<string, unknown>): void =>
  log(`${event} ${JSON.stringify(detail)}`);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

async function main(): Promise<void> {
  const stack = await ensureLocalStack({
    natsUrl: 'nats://127.0.0.1:1',
    databaseUrl: 'postgres://postgres@127.0.0.1:2/postgres',
    log,
  });
  const connection = await connectToNats({
    url: stack.natsUrl,
    name: 'ingestion-bench',
    connectTimeoutMs: 5_000,
    log: logDetail,
  });
  try {
    const js = connection.jetstream();
    const jsm = await connection.jetstreamManager();
    await resetTopology(jsm);
    const publishClock = startClock();
    const input = await publishInput(js, STATIONS, MESSAGES);
    log(
      `stored ${MESSAGES} gateway messages from ${STATIONS} stations in ${publishClock.stop(0).seconds.toFixed(1)} s: ` +
        `${input.sessionsStarted} sessions, ${input.sessionsEnded} ended, at least ${input.factsMin} facts to yield`,
    );
    const bench: Bench = {
      connection,
      js,
      jsm,
      databaseUrl: stack.databaseUrl,
      input,
      messages: MESSAGES,
      log: logDetail,
    };
    const rows: string[] = [];
    const ratios: number[] = [];
    for (let rep = 1; rep <= REPETITIONS; rep++) {
      const runs: { normaliser?: Run; relay?: Run } = {};
      for (const which of rep % 2 === 1 ? ['normaliser', 'relay'] : ['relay', 'normaliser']) {
        await resetTopology(jsm);
        if (which === 'normaliser') runs.normaliser = await normaliserRun(bench, rep);
        else runs.relay = await bareRelayRun(bench);
      }
      const { normaliser, relay } = runs;
      if (normaliser === undefined || relay === undefined) throw new Error('a run is missing');
      const ratio = relay.seconds / normaliser.seconds;
      ratios.push(ratio);
      const rate = (run: Run): string =>
        `${(MESSAGES / run.seconds).toFixed(0)} raw msg/s, ${(run.facts / run.seconds).toFixed(0)} facts/s, ` +
        `${(run.cpuMicros / MESSAGES).toFixed(0)} µs CPU/msg`;
      rows.push(
        `rep ${rep} (${rep % 2 === 1 ? 'normaliser first' : 'relay first'}): normaliser ${rate(normaliser)}; ` +
          `bare relay ${rate(relay)}; ratio normaliser/relay ${ratio.toFixed(2)}`,
      );
      log(rows[rows.length - 1] ?? '');
    }
    rows.push(
      `median ratio ${median(ratios).toFixed(2)} over ${REPETITIONS} repetitions of ${MESSAGES} messages (target >= 0.6)`,
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
