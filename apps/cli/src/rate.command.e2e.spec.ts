// `chargeledger rate` as a user runs it: a separate process started through npx (the bin
// of the root package.json) or the bin script, on the example files and on broken copies
// of them. Asserts the machine contract: one JSON document on stdout, messages on stderr,
// exit codes, and refusals that name the file and the field.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'apps', 'cli', 'bin', 'chargeledger.js');
const TARIFF = join(ROOT, 'apps', 'cli', 'examples', 'tou-tariff.json');
const CDR = join(ROOT, 'apps', 'cli', 'examples', 'evening-session.cdr.json');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[]): Run {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const chargeledger = (...args: string[]) => run(process.execPath, [BIN, ...args]);

/** The whole of stdout must be one JSON document. */
function document(result: Run): Record<string, unknown> {
  const parsed: unknown = JSON.parse(result.stdout);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`stdout is not a JSON object: ${result.stdout}`);
  }
  return parsed as Record<string, unknown>;
}

let dir = '';
const exampleCdr = () => JSON.parse(readFileSync(CDR, 'utf8')) as Record<string, unknown>;
const writeJson = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
function cdrWithoutZone(): string {
  const { time_zone: _zone, ...rest } = exampleCdr();
  return writeJson('no-zone.cdr.json', rest);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargeledger-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('chargeledger rate', () => {
  it('npx chargeledger prices the example CDR: one JSON document with the OCPI totals', () => {
    const result = run('npx', [
      '--no-install',
      'chargeledger',
      'rate',
      '--tariff',
      TARIFF,
      '--cdr',
      CDR,
    ]);
    expect(result.status).toBe(0);
    expect(document(result)).toEqual({
      tariff_id: 'ams-tou-2024',
      currency: 'EUR',
      time_zone: 'Europe/Amsterdam',
      // 0.50 start + 5 kWh x 0.30 (22:30 local) + 10 kWh x 0.20 (from 23:00) + parking
      // 24 min billed as 25 (step 300 s) x 2.40/h = 5.00, 21% VAT on everything.
      total_cost: { excl_vat: '5', incl_vat: '6.05' },
      total_fixed_cost: { excl_vat: '0.5', incl_vat: '0.605' },
      total_energy_cost: { excl_vat: '3.5', incl_vat: '4.235' },
      total_time_cost: { excl_vat: '0', incl_vat: '0' },
      total_parking_cost: { excl_vat: '1', incl_vat: '1.21' },
      total_reservation_cost: { excl_vat: '0', incl_vat: '0' },
      total_energy: '15',
      total_time: '1.9',
      total_parking_time: '0.4',
    });
  });

  it('--explain adds every line: element, restrictions, volume, unit price, step rounding, VAT', () => {
    const report = document(chargeledger('rate', '--tariff', TARIFF, '--cdr', CDR, '--explain'));
    expect(report['lines']).toEqual([
      expect.objectContaining({ kind: 'FLAT', element_index: 0, unit_price: '0.5', vat: '21' }),
      expect.objectContaining({ kind: 'ENERGY', element_index: 2, quantity: '5', excl_vat: '1.5' }),
      expect.objectContaining({
        kind: 'ENERGY',
        element_index: 1,
        restrictions: ['start_time=23:00', 'end_time=07:00'],
        quantity: '10',
        unit_price: '0.2',
        incl_vat: '2.42',
      }),
      expect.objectContaining({ kind: 'PARKING_TIME', quantity: '1440', excl_vat: '0.96' }),
      expect.objectContaining({
        kind: 'PARKING_TIME',
        quantity: '60',
        step_rounding: { step_size: 300, total: '1440', billed: '1500' },
        excl_vat: '0.04',
        explanation: expect.stringContaining('step_size 300') as unknown,
      }),
    ]);
  });

  it('--tz sets the zone of a CDR without one, and overrides the CDR zone', () => {
    const noZone = document(
      chargeledger(
        'rate',
        '--tariff',
        TARIFF,
        '--cdr',
        cdrWithoutZone(),
        '--tz',
        'Europe/Amsterdam',
      ),
    );
    expect(noZone['total_cost']).toEqual({ excl_vat: '5', incl_vat: '6.05' });
    // In London both charging periods start before 23:00 local: all 15 kWh at the day price.
    const london = document(
      chargeledger('rate', '--tariff', TARIFF, '--cdr', CDR, '--tz', 'Europe/London'),
    );
    expect(london['time_zone']).toBe('Europe/London');
    expect(london['total_energy_cost']).toEqual({ excl_vat: '4.5', incl_vat: '5.445' });
  });

  it('refuses a CDR without a time zone when --tz is not given, naming field and file', () => {
    const path = cdrWithoutZone();
    const result = chargeledger('rate', '--tariff', TARIFF, '--cdr', path);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('cdr.time_zone');
    expect(result.stderr).toContain(path);
    expect(result.stderr).toContain('--tz');
  });

  it('refuses an invalid CDR field: exit 1, stderr names the field path and the file', () => {
    const cdr = exampleCdr();
    const periods = cdr['charging_periods'] as { dimensions: { volume: unknown }[] }[];
    const dimension = periods[1]?.dimensions[0];
    if (dimension === undefined) throw new Error('example CDR changed');
    dimension.volume = 'ten';
    const path = writeJson('bad-volume.cdr.json', cdr);
    const result = chargeledger('rate', '--tariff', TARIFF, '--cdr', path);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('cdr.charging_periods[1].dimensions[0].volume');
    expect(result.stderr).toContain(path);
  });

  it('refuses an invalid tariff field, naming the field path and the tariff file', () => {
    const tariff = JSON.parse(readFileSync(TARIFF, 'utf8')) as {
      elements: { price_components: { step_size: unknown }[] }[];
    };
    const component = tariff.elements[2]?.price_components[1];
    if (component === undefined) throw new Error('example tariff changed');
    component.step_size = -300;
    const path = writeJson('bad-step.tariff.json', tariff);
    const result = chargeledger('rate', '--tariff', path, '--cdr', CDR);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('tariff.elements[2].price_components[1].step_size');
    expect(result.stderr).toContain(path);
  });

  it('names a missing file and a file that is not JSON', () => {
    const missing = join(dir, 'nowhere.json');
    const absent = chargeledger('rate', '--tariff', TARIFF, '--cdr', missing);
    expect(absent.status).toBe(1);
    expect(absent.stderr).toContain(`--cdr ${missing}: cannot read file (no such file)`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"id": ');
    const notJson = chargeledger('rate', '--tariff', broken, '--cdr', CDR);
    expect(notJson.status).toBe(1);
    expect(notJson.stderr).toContain(`--tariff ${broken}: not valid JSON`);
  });

  it('wrong usage exits 2 with the usage text; --help prints it on stdout', () => {
    const unknown = chargeledger('rate', '--tariff', TARIFF, '--cdr', CDR, '--fast');
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("'--fast'");
    expect(unknown.stderr).toContain('Usage: chargeledger rate');
    const noCdr = chargeledger('rate', '--tariff', TARIFF);
    expect(noCdr.status).toBe(2);
    expect(noCdr.stderr).toContain('--cdr FILE is required');
    expect(chargeledger('bill').status).toBe(2);
    const help = chargeledger('rate', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--explain');
  });
});
