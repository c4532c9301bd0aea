/**
 * Maps stored OCPP 1.6 transaction messages onto the OCPP 2.0.1 TransactionEvent, so one
 * session decider judges both protocols. 1.6 lacks two things 2.0.1 relies on:
 * - a station-chosen transactionId: the CSMS assigns it, and ours is the RAW_GATEWAY stream
 *   sequence of the stored StartTransaction (a resend is deduped by its message id and gets
 *   the same sequence back, hence the same id);
 * - seqNo: the message's own stream sequence stands in. It is unique and increases in
 *   arrival order but has gaps (other stations' messages sit between), so it orders and
 *   dedupes but must not be read as "messages missing". Billing orders samples by station
 *   timestamp first anyway.
 * meterStart/meterStop become Energy.Active.Import.Register readings in Wh.
 */
import { z } from 'zod';
import type { GatewayMessageKind } from '@chargeledger/contracts';
import { assertNever } from '../shared/assert-never';
import {
  MEASURAND_ENERGY_IMPORT_REGISTER,
  transactionEventSchema,
  type TransactionEvent,
} from '../ocpp/transaction-event.schema';
import {
  ocpp16MeterValuesSchema,
  ocpp16StartTransactionSchema,
  ocpp16StopTransactionSchema,
} from './ocpp16-messages.schema';
import { mapOcpp16MeterValues, type MeterValueInput } from './ocpp16-meter-value.map';
import { stopOf } from './ocpp16-stop-reason.map';

export type Ocpp16TransactionKind = Extract<
  GatewayMessageKind,
  'ocpp16-start-transaction' | 'ocpp16-meter-values' | 'ocpp16-stop-transaction'
>;

/** `schema`: not a valid 1.6 message; `not-billable`: valid, but no transaction to bill. */
export type Ocpp16Refusal = 'schema' | 'not-billable';

export type Ocpp16Mapping =
  | { readonly ok: true; readonly event: TransactionEvent }
  | { readonly ok: false; readonly refusal: Ocpp16Refusal; readonly detail: string };

type TransactionEventInput = z.input<typeof transactionEventSchema>;
type Built = TransactionEventInput | { readonly refusal: Ocpp16Refusal; readonly detail: string };

/** `streamSequence`: where RAW_GATEWAY stored this message. */
export function mapOcpp16ToTransactionEvent(
  kind: Ocpp16TransactionKind,
  payload: unknown,
  streamSequence: number,
): Ocpp16Mapping {
  if (!Number.isSafeInteger(streamSequence) || streamSequence < 1)
    throw new RangeError(`not a stream sequence: ${streamSequence}`);
  const built = build(kind, payload, streamSequence);
  if ('refusal' in built) return { ok: false, ...built };
  const parsed = transactionEventSchema.safeParse(built);
  if (!parsed.success)
    return { ok: false, refusal: 'schema', detail: z.prettifyError(parsed.error) };
  return { ok: true, event: parsed.data };
}

function build(kind: Ocpp16TransactionKind, payload: unknown, seqNo: number): Built {
  switch (kind) {
    case 'ocpp16-start-transaction':
      return started(payload, seqNo);
    case 'ocpp16-meter-values':
      return updated(payload, seqNo);
    case 'ocpp16-stop-transaction':
      return ended(payload, seqNo);
    default:
      return assertNever(kind);
  }
}

function started(payload: unknown, seqNo: number): Built {
  const parsed = ocpp16StartTransactionSchema.safeParse(payload);
  if (!parsed.success) return schemaRefusal(parsed.error);
  const start = parsed.data;
  return {
    eventType: 'Started',
    timestamp: start.timestamp,
    triggerReason: 'Authorized',
    seqNo,
    transactionInfo: { transactionId: String(seqNo) },
    evse: { id: start.connectorId, connectorId: 1 },
    idToken: idTokenOf(start.idTag),
    meterValue: [registerReading(start.timestamp, start.meterStart, 'Transaction.Begin')],
    ...(start.reservationId === undefined ? {} : { reservationId: start.reservationId }),
  };
}

function updated(payload: unknown, seqNo: number): Built {
  const parsed = ocpp16MeterValuesSchema.safeParse(payload);
  if (!parsed.success) return schemaRefusal(parsed.error);
  const { connectorId, transactionId, meterValue } = parsed.data;
  if (transactionId === undefined)
    return notBillable(`MeterValues of connector ${connectorId} name no transactionId`);
  const timestamp = latestOf(meterValue.map((m) => m.timestamp));
  if (timestamp === undefined) return notBillable('MeterValues carry no meter value');
  const mapped = mapOcpp16MeterValues(meterValue);
  if (!mapped.ok) return { refusal: 'schema', detail: mapped.detail };
  return {
    eventType: 'Updated',
    timestamp,
    triggerReason: triggerOfSampling(meterValue[0]?.sampledValue[0]?.context),
    seqNo,
    transactionInfo: { transactionId: String(transactionId) },
    // connector 0 is the charge point's main meter, no EVSE
    ...(connectorId === 0 ? {} : { evse: { id: connectorId, connectorId: 1 } }),
    ...(mapped.meterValues.length === 0 ? {} : { meterValue: mapped.meterValues }),
  };
}

function ended(payload: unknown, seqNo: number): Built {
  const parsed = ocpp16StopTransactionSchema.safeParse(payload);
  if (!parsed.success) return schemaRefusal(parsed.error);
  const stop = parsed.data;
  const mapped = mapOcpp16MeterValues(stop.transactionData ?? []);
  if (!mapped.ok) return { refusal: 'schema', detail: mapped.detail };
  const { triggerReason, stoppedReason } = stopOf(stop.reason);
  return {
    eventType: 'Ended',
    timestamp: stop.timestamp,
    triggerReason,
    seqNo,
    transactionInfo: { transactionId: String(stop.transactionId), stoppedReason },
    ...(stop.idTag === undefined ? {} : { idToken: idTokenOf(stop.idTag) }),
    meterValue: [
      ...mapped.meterValues,
      registerReading(stop.timestamp, stop.meterStop, 'Transaction.End'),
    ],
  };
}

/** Why the charger sampled, as far as 1.6 says: its clock, a trigger, else its period. */
function triggerOfSampling(context: string | undefined): TransactionEventInput['triggerReason'] {
  if (context === 'Sample.Clock') return 'MeterValueClock';
  if (context === 'Trigger') return 'Trigger';
  return 'MeterValuePeriodic';
}

function registerReading(
  timestamp: string,
  registerWh: number,
  context: 'Transaction.Begin' | 'Transaction.End',
): MeterValueInput {
  return {
    timestamp,
    sampledValue: [
      {
        value: registerWh,
        context,
        measurand: MEASURAND_ENERGY_IMPORT_REGISTER,
        location: 'Outlet',
        unitOfMeasure: { unit: 'Wh', multiplier: 0 },
      },
    ],
  };
}

/** 1.6 idTags carry no type; nearly all are the UIDs of RFID cards. */
function idTokenOf(idTag: string): TransactionEventInput['idToken'] {
  return { idToken: idTag, type: 'ISO14443' };
}

function latestOf(timestamps: readonly string[]): string | undefined {
  let latest: string | undefined;
  for (const at of timestamps) {
    if (latest === undefined || Date.parse(at) > Date.parse(latest)) latest = at;
  }
  return latest;
}

function schemaRefusal(error: z.ZodError): Built {
  return { refusal: 'schema', detail: z.prettifyError(error) };
}

function notBillable(detail: string): Built {
  return { refusal: 'not-billable', detail };
}
