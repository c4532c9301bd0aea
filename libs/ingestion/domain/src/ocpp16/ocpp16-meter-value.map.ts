/**
 * Maps OCPP 1.6 meter values onto the 2.0.1 MeterValue shape. 1.6 sends readings as
 * decimal text without a multiplier; 2.0.1 sends JSON numbers, so a reading is accepted
 * only when the number carries the exact same decimal (a register with more digits than a
 * double holds would otherwise be billed rounded). Samples that are no 2.0.1 reading are
 * left out of the mapped event and stay in RAW_GATEWAY as received: signed data (1.6 has
 * no field for its signing method or key, so it cannot be verified downstream) and the
 * measurands 2.0.1 dropped (Temperature, RPM), neither of which bills.
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import { meterValueSchema, sampledValueSchema } from '../ocpp/transaction-event.schema';
import type { Ocpp16MeterValue, Ocpp16SampledValue } from './ocpp16-messages.schema';

export type MeterValueInput = z.input<typeof meterValueSchema>;
type SampledValueInput = z.input<typeof sampledValueSchema>;

export type MeterValuesMapping =
  | { readonly ok: true; readonly meterValues: MeterValueInput[] }
  | { readonly ok: false; readonly detail: string };

const measurand201 = sampledValueSchema.shape.measurand.unwrap();
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Meter values with no reading left after mapping are dropped: 2.0.1 needs one at least. */
export function mapOcpp16MeterValues(meterValues: readonly Ocpp16MeterValue[]): MeterValuesMapping {
  const mapped: MeterValueInput[] = [];
  for (const meterValue of meterValues) {
    const sampledValue: SampledValueInput[] = [];
    for (const sampled of meterValue.sampledValue) {
      const measurand = measurand201.safeParse(sampled.measurand);
      if (sampled.format !== 'Raw' || !measurand.success) continue;
      const value = exactNumberOf(sampled.value);
      if (value === undefined)
        return { ok: false, detail: `sampled value "${sampled.value}" is not an exact decimal` };
      sampledValue.push({ ...optionalFieldsOf(sampled), value, measurand: measurand.data });
    }
    if (sampledValue.length > 0) mapped.push({ timestamp: meterValue.timestamp, sampledValue });
  }
  return { ok: true, meterValues: mapped };
}

function optionalFieldsOf(sampled: Ocpp16SampledValue): Omit<SampledValueInput, 'value'> {
  return {
    ...(sampled.context === undefined ? {} : { context: sampled.context }),
    ...(sampled.phase === undefined ? {} : { phase: sampled.phase }),
    ...(sampled.location === undefined ? {} : { location: sampled.location }),
    // 1.6 has no multiplier: the unit alone scales the value
    ...(sampled.unit === undefined ? {} : { unitOfMeasure: { unit: sampled.unit, multiplier: 0 } }),
  };
}

/** The JSON number for a 1.6 decimal text, or undefined when it is no decimal or not exact. */
export function exactNumberOf(text: string): number | undefined {
  if (!DECIMAL_TEXT.test(text)) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return new Decimal(text).equals(new Decimal(String(value))) ? value : undefined;
}
