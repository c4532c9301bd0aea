// `chargeledger rate --tariff TARIFF.json --cdr CDR.json [--explain] [--tz ZONE]`: prices a
// CDR against a tariff with the tariff engine, offline (no NATS, no Postgres), and prints
// exactly one JSON document on stdout. The app only parses flags, reads files and names
// the file behind a refusal; validation, the zone rule and the report shape are the
// tariff library's.
import { parseArgs } from 'node:util';
import {
  RatingInputError,
  cdrRatingReport,
  parseCdrSession,
  parseTariff,
  rate,
  resolveTimeZone,
} from '@chargeledger/rating/tariff';
import { InputRefusedError, UsageError, type CliIo } from './cli.io';
import { readJsonFile } from './input-file.read';

export const RATE_USAGE = `Usage: chargeledger rate --tariff TARIFF.json --cdr CDR.json [--explain] [--tz ZONE]

Prices an OCPI 2.2.1 CDR (or CDR-like object: start_date_time, end_date_time,
charging_periods, optional time_zone) against an OCPI 2.2.1 tariff and prints one JSON
document on stdout: the CDR totals (total_cost, total_fixed_cost, total_energy_cost,
total_time_cost, total_parking_cost as {excl_vat, incl_vat}; total_energy in kWh;
total_time and total_parking_time in hours), amounts as exact decimal strings.

Flags:
  --tariff FILE   OCPI 2.2.1 Tariff object (JSON)
  --cdr FILE      CDR or CDR-like object (JSON)
  --explain       add every priced line: period, element index, matched restrictions,
                  volume, unit price, step rounding, VAT, and a sentence explaining it
  --tz ZONE       IANA time zone of the station (e.g. Europe/Amsterdam); overrides the
                  CDR's time_zone, required when the CDR has none
  -h, --help      show this text

Exit codes: 0 rated, 1 input refused (message on stderr names the file and field),
2 wrong usage.
`;

const OPTIONS = {
  tariff: { type: 'string' },
  cdr: { type: 'string' },
  explain: { type: 'boolean', default: false },
  tz: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseFlags(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node:util reports unknown flags, missing values and stray arguments as ERR_PARSE_ARGS_*.
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} FILE is required`);
  return value;
}

/** Names the file a rating refusal is about: tariff paths, CDR paths, or the --tz flag. */
function refusal(error: RatingInputError, tariffPath: string, cdrPath: string): InputRefusedError {
  const first = error.fieldPaths[0] ?? '';
  const source = first.startsWith('tariff')
    ? `invalid tariff in ${tariffPath}`
    : first.startsWith('cdr')
      ? `invalid CDR in ${cdrPath}`
      : 'invalid rating context';
  const hint = first === 'cdr.time_zone' ? '\n(give the station zone with --tz ZONE)' : '';
  return new InputRefusedError(`${source}:\n${error.message}${hint}`);
}

export function rateCommand(args: string[], io: CliIo): void {
  const flags = parseFlags(args);
  if (flags.help) {
    io.stdout(RATE_USAGE);
    return;
  }
  const tariffPath = required(flags.tariff, '--tariff');
  const cdrPath = required(flags.cdr, '--cdr');
  const tariffJson = readJsonFile(io, '--tariff', tariffPath);
  const cdrJson = readJsonFile(io, '--cdr', cdrPath);
  try {
    const tariff = parseTariff(tariffJson);
    const session = parseCdrSession(cdrJson);
    const timeZone = resolveTimeZone(
      session,
      flags.tz === undefined ? undefined : { timeZone: flags.tz, field: '--tz' },
    );
    const rated = rate(session, tariff, { timeZone, explain: flags.explain });
    io.stdout(`${JSON.stringify(cdrRatingReport(rated), null, 2)}\n`);
  } catch (error) {
    if (error instanceof RatingInputError) throw refusal(error, tariffPath, cdrPath);
    throw error;
  }
}
