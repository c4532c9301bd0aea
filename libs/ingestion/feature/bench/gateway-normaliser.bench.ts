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
 * Beside each rate: the CPU per message of this process, Postgres and nats-server; the
 * machine is shared, so rates move with other load while the CPU costs show where each
 * message's work is done. From the normaliser's CPU per message it also prints an upper
 * estimate of its rate on this machine's cores (see measured-run.ts), and that estimate's
 * ratio to the relay.
 *
 *   node -r @swc-node/register libs/ingestion/feature/bench/gateway-normaliser.bench.ts [messages] [repetitions] [stations]
 */
import { connectToNats } from '@chargeledger/platform/messaging';
import {
  boundRatio,
  cpuBoundText,
  cpuPerItemText,
  ensureLocalStack,
  figure,
  median,
  medianOfMeasured,
  serverCpu,
} from '@chargeledger/platform/local-stack';
import { NORMALISER_LIMITS } from '../src/ingestion.settings';
import { publishInput, resetTopology } from './normaliser-bench.setup';
import { bareRelayRun, normaliserRun, type Bench, type Run } from './normaliser-bench.runs';

const BATCH = NORMALISER_LIMITS.batchSizeMax;
// a whole number of batches, so no run ends waiting for a short last fetch to expire
const MESSAGES = Math.ceil(Number(process.argv[2] ?? '20000') / BATCH) * BATCH;
const REPETITIONS = Number(process.argv[3] ?? '5');
const STATIONS = Number(process.argv[4] ?? '200');
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const logDetail = (event: string, detail: Record<string, unknown>): void =>
  log(`${event} ${JSON.stringify(detail)}`);

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
    const publishStarted = Date.now();
    const input = await publishInput(js, STATIONS, MESSAGES);
    log(
      `stored ${MESSAGES} gateway messages from ${STATIONS} stations in ${((Date.now() - publishStarted) / 1000).toFixed(1)} s: ` +
        `${input.sessionsStarted} sessions, ${input.sessionsEnded} ended, at least ${input.factsMin} facts to yield`,
    );
    const bench: Bench = {
      connection,
      js,
      jsm,
      databaseUrl: stack.databaseUrl,
      input,
      messages: MESSAGES,
      servers: await serverCpu(stack.natsUrl, stack.databaseUrl),
      log: logDetail,
    };
    const rows: string[] = [];
    const ratios: number[] = [];
    const boundRatios: (number | undefined)[] = [];
    for (let rep = 1; rep <= REPETITIONS; rep++) {
      const runs: { normaliser?: Run; relay?: Run } = {};
      for (const which of rep % 2 === 1 ? ['normaliser', 'relay'] : ['relay', 'normaliser']) {
        await resetTopology(jsm);
        if (which === 'normaliser') runs.normaliser = await normaliserRun(bench, rep);
        else runs.relay = await bareRelayRun(bench);
      }
      const { normaliser, relay } = runs;
      if (normaliser === undefined || relay === undefined) throw new Error('a run is missing');
      const ratio = normaliser.measured.itemsPerSecond / relay.measured.itemsPerSecond;
      ratios.push(ratio);
      boundRatios.push(boundRatio(normaliser.measured, relay.measured.itemsPerSecond));
      const rate = ({ measured, facts }: Run): string =>
        `${measured.itemsPerSecond.toFixed(0)} raw msg/s, ${(facts / measured.seconds).toFixed(0)} facts/s ` +
        `(${cpuPerItemText(measured, 'msg')})`;
      rows.push(
        `rep ${rep} (${rep % 2 === 1 ? 'normaliser first' : 'relay first'}): normaliser ${rate(normaliser)}; ` +
          `bare relay ${rate(relay)}; ratio normaliser/relay ${ratio.toFixed(2)}\n` +
          `  normaliser's ${cpuBoundText(normaliser.measured, 'raw msg', {
            name: 'the relay',
            perSecond: relay.measured.itemsPerSecond,
          })}`,
      );
      log(rows[rows.length - 1] ?? '');
    }
    rows.push(
      `median over ${REPETITIONS} repetitions of ${MESSAGES} messages: ratio ${median(ratios).toFixed(2)} ` +
        `(target >= 0.6); upper estimate from CPU ${figure(medianOfMeasured(boundRatios), 2)}`,
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
