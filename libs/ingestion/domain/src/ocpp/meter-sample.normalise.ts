/**
 * Turns OCPP meter values into the samples ingestion records: the active import energy
 * register in Wh and active import power in W, exact decimals (decimal.js, never binary
 * float arithmetic). A total (phase-less) value wins; without one, the L1+L2+L3 values are
 * summed, so per-phase values are never counted on top of a total. Only the outlet meter
 * (OCPP's default location) bills. Other measurands are not billing inputs and are skipped.
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import type { meterSampleV1 } from '@chargeledger/contracts';
import {
  MEASURAND_ENERGY_IMPORT_REGISTER,
  MEASURAND_POWER_IMPORT,
  type MeterValue,
  type SampledValue,
} from './transaction-event.schema';

export type MeterSample = z.infer<typeof meterSampleV1>;

/** A private constructor so no global decimal.js setting changes ingestion's results. */
const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpPos: 60 });

/** Base-unit factors as powers of ten: Wh and W are 10^0, kWh and kW 10^3. */
const TO_BASE_UNIT_EXPONENT: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  [MEASURAND_ENERGY_IMPORT_REGISTER]: { Wh: 0, kWh: 3 },
  [MEASURAND_POWER_IMPORT]: { W: 0, kW: 3 },
};
const PHASES_SUMMED = ['L1', 'L2', 'L3'] as const;

export type NormaliseResult =
  | { readonly ok: true; readonly samples: readonly MeterSample[] }
  | { readonly ok: false; readonly reason: 'unit' | 'negative'; readonly detail: string };

/** The last timestamp converted: one message's timestamps are converted several times. */
let lastConverted = { timestamp: '', utc: '' };

/** Stations time-stamp with any offset; recorded samples are UTC (`Z`), millisecond precision. */
export function toUtc(timestamp: string): string {
  if (timestamp === lastConverted.timestamp) return lastConverted.utc;
  const utc = new Date(Date.parse(timestamp)).toISOString();
  lastConverted = { timestamp, utc };
  return utc;
}

export function normaliseMeterValues(
  meterValues: readonly MeterValue[],
  seqNo: number,
): NormaliseResult {
  const samples: MeterSample[] = [];
  for (const meterValue of meterValues) {
    const energy = readMeasurand(meterValue.sampledValue, MEASURAND_ENERGY_IMPORT_REGISTER);
    const power = readMeasurand(meterValue.sampledValue, MEASURAND_POWER_IMPORT);
    for (const read of [energy, power]) {
      if (read.kind === 'invalid') return { ok: false, reason: read.reason, detail: read.detail };
    }
    const sample: MeterSample = { sampledAt: toUtc(meterValue.timestamp), seqNo };
    if (energy.kind === 'value') sample.energyRegisterWh = energy.value;
    if (power.kind === 'value') sample.powerW = power.value;
    if (sample.energyRegisterWh !== undefined || sample.powerW !== undefined) samples.push(sample);
  }
  return { ok: true, samples };
}

type Read =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'invalid'; readonly reason: 'unit' | 'negative'; readonly detail: string };

function readMeasurand(values: readonly SampledValue[], measurand: string): Read {
  const relevant = values.filter((v) => v.measurand === measurand && v.location === 'Outlet');
  const total = relevant.find((v) => v.phase === undefined);
  const parts = total
    ? [total]
    : PHASES_SUMMED.map((phase) => relevant.find((v) => v.phase === phase));
  const present = parts.filter((v): v is SampledValue => v !== undefined);
  if (present.length !== parts.length || present.length === 0) return { kind: 'absent' };
  if (present.length === 1 && present[0] !== undefined) return toBaseUnit(present[0], measurand);
  let sum = new Exact(0);
  for (const value of present) {
    const converted = toBaseUnit(value, measurand);
    if (converted.kind !== 'value') return converted;
    sum = sum.plus(converted.value);
  }
  return { kind: 'value', value: sum.toFixed() };
}

/** Exact `value × 10^multiplier × unit factor`; the JSON number is read via its shortest text. */
export function toBaseUnit(sampled: SampledValue, measurand: string): Read {
  const unit = sampled.unitOfMeasure?.unit ?? defaultUnitOf(measurand);
  const multiplier = sampled.unitOfMeasure?.multiplier ?? 0;
  const exponent = TO_BASE_UNIT_EXPONENT[measurand]?.[unit];
  if (exponent === undefined) {
    return {
      kind: 'invalid',
      reason: 'unit',
      detail: `unit "${unit}" is not valid for ${measurand}`,
    };
  }
  const text = String(sampled.value);
  const shifted = shiftPlainDecimal(text, multiplier + exponent);
  if (shifted !== undefined) return { kind: 'value', value: shifted };
  const value = new Exact(text).times(new Exact(10).pow(multiplier + exponent));
  if (value.isNegative() && !value.isZero()) {
    return {
      kind: 'invalid',
      reason: 'negative',
      detail: `${measurand} is negative (${value.toFixed()})`,
    };
  }
  return { kind: 'value', value: value.abs().toFixed() };
}

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * `text × 10^shift` written as decimal.js's `toFixed()` writes it (no exponent, no
 * redundant zeros), for the plain non-negative decimals meters send; undefined for any
 * other text (exponent, sign), which takes the decimal.js path.
 */
export function shiftPlainDecimal(text: string, shift: number): string | undefined {
  const match = PLAIN_DECIMAL.exec(text);
  if (match === null) return undefined;
  const [, whole = '', fraction = ''] = match;
  const digits = whole + fraction;
  const point = whole.length + shift;
  const padded =
    point <= 0
      ? '0'.repeat(1 - point) + digits
      : point > digits.length
        ? digits + '0'.repeat(point - digits.length)
        : digits;
  const at = Math.max(point, 1);
  const integer = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const decimals = padded.slice(at).replace(/0+$/, '');
  return decimals === '' ? integer : `${integer}.${decimals}`;
}

/** OCPP's default unit is Wh; for power a station omitting it means W. */
function defaultUnitOf(measurand: string): string {
  return measurand === MEASURAND_POWER_IMPORT ? 'W' : 'Wh';
}
