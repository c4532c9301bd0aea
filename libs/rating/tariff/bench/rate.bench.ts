// Benchmark: sessions/s of rate() (and of rate() + settle()) for a 40-period session under a
// time-of-use tariff in a DST zone (Europe/Amsterdam, across the spring change), on one core.
// Run: node -r @swc-node/register libs/rating/tariff/bench/rate.bench.ts
// Rates are per wall-clock second and per CPU second of this process; on a busy machine
// the CPU figure is the steadier one. Each measurement reads what its caller would read
// (display strings are made on first read): the CDR totals, the explained lines, the
// settled total.
import { performance } from 'node:perf_hooks';
import { parseCdrSession, parseTariff, rate, settle } from '../src/index';

const ZONE = 'Europe/Amsterdam';
const PERIODS = 40;
const REPETITIONS = 5;
const SESSIONS_PER_REPETITION = 20_000;

const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const tariff = parseTariff({
  id: 'tou',
  currency: 'EUR',
  max_price: { excl_vat: 80, incl_vat: 96 },
  elements: [
    { price_components: [{ type: 'FLAT', price: 0.5, vat: 21, step_size: 1 }] },
    {
      price_components: [{ type: 'ENERGY', price: 0.19, vat: 21, step_size: 1 }],
      restrictions: { start_time: '23:00', end_time: '07:00' },
    },
    {
      price_components: [{ type: 'ENERGY', price: 0.45, vat: 21, step_size: 1 }],
      restrictions: { start_time: '17:00', end_time: '21:00', day_of_week: weekdays },
    },
    {
      price_components: [
        { type: 'ENERGY', price: 0.35, vat: 21, step_size: 1 },
        { type: 'TIME', price: 0.6, vat: 21, step_size: 60 },
      ],
      restrictions: { min_power: 22 },
    },
    {
      price_components: [
        { type: 'ENERGY', price: 0.29, vat: 21, step_size: 1 },
        { type: 'PARKING_TIME', price: 3, vat: 21, step_size: 300 },
      ],
    },
  ],
});

function session() {
  const startMs = Date.parse('2024-03-30T21:00:00Z'); // 22:00 CET, DST starts at 02:00
  const periodMs = 15 * 60_000;
  const charging_periods = Array.from({ length: PERIODS }, (_, index) => {
    const parking = index >= PERIODS - 4;
    const dimensions = parking
      ? [{ type: 'PARKING_TIME', volume: '0.25' }]
      : [
          { type: 'ENERGY', volume: (1.2 + (index % 7) * 0.35).toFixed(3) },
          { type: 'TIME', volume: '0.25' },
          { type: 'MAX_POWER', volume: 11 + (index % 4) * 11 },
          { type: 'MIN_POWER', volume: 7 + (index % 4) * 11 },
        ];
    return { start_date_time: new Date(startMs + index * periodMs).toISOString(), dimensions };
  });
  return parseCdrSession({
    start_date_time: new Date(startMs).toISOString(),
    end_date_time: new Date(startMs + PERIODS * periodMs).toISOString(),
    charging_periods,
  });
}

const cdr = session();
const context = { timeZone: ZONE };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(label: string, work: () => unknown): void {
  for (let i = 0; i < 2_000; i += 1) work(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (let i = 0; i < SESSIONS_PER_REPETITION; i += 1) work();
    const used = process.cpuUsage(cpuStarted);
    wall.push(Math.round(SESSIONS_PER_REPETITION / ((performance.now() - started) / 1000)));
    cpu.push(Math.round(SESSIONS_PER_REPETITION / ((used.user + used.system) / 1e6)));
  }
  console.log(
    `${label}: ${wall.join(', ')} sessions/s (median ${String(median(wall))}); per CPU second ${cpu.join(', ')} (median ${String(median(cpu))})`,
  );
}

const sample = rate(cdr, tariff, context);
console.log(
  `${String(PERIODS)} periods, ${String(sample.lines.length)} lines, total ${sample.totals.total_cost.excl_vat} EUR excl. VAT, ${REPETITIONS} x ${SESSIONS_PER_REPETITION} sessions`,
);
measure('rate (CDR totals)', () => rate(cdr, tariff, context).totals.total_cost);
measure('rate explained', () => rate(cdr, tariff, { ...context, explain: true }).explanation);
measure('rate+settle', () => settle(rate(cdr, tariff, context)).total);
