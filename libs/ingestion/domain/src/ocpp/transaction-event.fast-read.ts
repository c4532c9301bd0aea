/**
 * A hand-written reader for the TransactionEvents stations send every sample interval:
 * plain JSON objects with the common fields, no customData, signed meter values or
 * additional token info. For such a payload it returns exactly what
 * `transactionEventSchema.parse` returns (same values, defaults, key order); for anything
 * else, valid or not, it declines (undefined) and the schema decides. The enums come from
 * the schema itself; a property test holds the two readers to the same answers.
 */
import { z } from 'zod';
import {
  METER_VALUES_MAX,
  SAMPLED_VALUES_MAX,
  sampledValueSchema,
  transactionEventSchema,
  type MeterValue,
  type SampledValue,
  type TransactionEvent,
} from './transaction-event.schema';

type Json = Record<string, unknown>;

const event = transactionEventSchema.shape;
const info = event.transactionInfo.shape;
const sampled = sampledValueSchema.shape;
const oneOf = <T extends string>(options: readonly T[]) => {
  const set = new Set<string>(options);
  return (value: unknown): value is T => typeof value === 'string' && set.has(value);
};
const isEventType = oneOf(event.eventType.options);
const isTriggerReason = oneOf(event.triggerReason.options);
const isChargingState = oneOf(info.chargingState.unwrap().options);
const isStoppedReason = oneOf(info.stoppedReason.unwrap().options);
const isTokenType = oneOf(event.idToken.unwrap().shape.type.options);
const isContext = oneOf(sampled.context.unwrap().options);
const isMeasurand = oneOf(sampled.measurand.unwrap().options);
const isPhase = oneOf(sampled.phase.unwrap().options);
const isLocation = oneOf(sampled.location.unwrap().options);
const DEFAULT_MEASURAND = sampled.measurand.parse(undefined);
const DEFAULT_LOCATION = sampled.location.parse(undefined);
// the pattern `z.iso.datetime({ offset: true })` checks
const DATE_TIME = z.regexes.datetime({ offset: true, local: false, precision: null });

const EVENT_KEYS = new Set([
  ...['eventType', 'timestamp', 'triggerReason', 'seqNo', 'offline', 'numberOfPhasesUsed'],
  ...['cableMaxCurrent', 'reservationId', 'transactionInfo', 'evse', 'idToken', 'meterValue'],
]);
const INFO_KEYS = new Set([
  ...['transactionId', 'chargingState', 'timeSpentCharging', 'stoppedReason', 'remoteStartId'],
]);
const EVSE_KEYS = new Set(['id', 'connectorId']);
const ID_TOKEN_KEYS = new Set(['idToken', 'type']);
const METER_VALUE_KEYS = new Set(['timestamp', 'sampledValue']);
const SAMPLED_KEYS = new Set(['value', 'context', 'measurand', 'phase', 'location']);
const SAMPLED_WITH_UNIT_KEYS = new Set([...SAMPLED_KEYS, 'unitOfMeasure']);
const UNIT_KEYS = new Set(['unit', 'multiplier']);
const INFO_ORDER = Object.keys(info);

/** A plain JSON object whose keys are all in `allowed`. */
function plain(value: unknown, allowed: ReadonlySet<string>): value is Json {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return false;
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

const isInt = (value: unknown): value is number => Number.isSafeInteger(value);
const optionalInt = (value: unknown): boolean => value === undefined || isInt(value);
const isDateTime = (value: unknown): value is string =>
  typeof value === 'string' && DATE_TIME.test(value);

/** Copies the keys of `source` that hold a value, in `order`. */
function pick(source: Json, order: readonly string[], into: Json): Json {
  for (const key of order) if (source[key] !== undefined) into[key] = source[key];
  return into;
}

export function readCommonTransactionEvent(payload: unknown): TransactionEvent | undefined {
  if (!plain(payload, EVENT_KEYS)) return undefined;
  const { eventType, timestamp, triggerReason, seqNo, offline } = payload;
  if (!isEventType(eventType) || !isDateTime(timestamp) || !isTriggerReason(triggerReason))
    return undefined;
  if (!isInt(seqNo) || seqNo < 0 || (offline !== undefined && typeof offline !== 'boolean'))
    return undefined;
  const counts = ['numberOfPhasesUsed', 'cableMaxCurrent', 'reservationId'] as const;
  if (!counts.every((key) => optionalInt(payload[key]))) return undefined;
  const transactionInfo = readTransactionInfo(payload['transactionInfo']);
  const evse = payload['evse'] === undefined ? undefined : readEvse(payload['evse']);
  const idToken = payload['idToken'] === undefined ? undefined : readIdToken(payload['idToken']);
  const meterValue =
    payload['meterValue'] === undefined ? undefined : readMeterValues(payload['meterValue']);
  if (transactionInfo === undefined) return undefined;
  if ((payload['evse'] !== undefined && evse === undefined) || idToken === null) return undefined;
  if (payload['meterValue'] !== undefined && meterValue === undefined) return undefined;
  const read: Json = { eventType, timestamp, triggerReason, seqNo, offline: offline ?? false };
  pick(payload, counts, read);
  read['transactionInfo'] = transactionInfo;
  if (evse !== undefined) read['evse'] = evse;
  if (idToken !== undefined) read['idToken'] = idToken;
  if (meterValue !== undefined) read['meterValue'] = meterValue;
  return read as TransactionEvent;
}

function readTransactionInfo(value: unknown): TransactionEvent['transactionInfo'] | undefined {
  if (!plain(value, INFO_KEYS)) return undefined;
  const { transactionId, chargingState, stoppedReason } = value;
  if (typeof transactionId !== 'string' || transactionId.length < 1 || transactionId.length > 36)
    return undefined;
  if (chargingState !== undefined && !isChargingState(chargingState)) return undefined;
  if (stoppedReason !== undefined && !isStoppedReason(stoppedReason)) return undefined;
  if (!optionalInt(value['timeSpentCharging']) || !optionalInt(value['remoteStartId']))
    return undefined;
  return pick(value, INFO_ORDER, {}) as TransactionEvent['transactionInfo'];
}

function readEvse(value: unknown): TransactionEvent['evse'] | undefined {
  if (!plain(value, EVSE_KEYS)) return undefined;
  const { id, connectorId } = value;
  if (!isInt(id) || id <= 0) return undefined;
  if (connectorId !== undefined && (!isInt(connectorId) || connectorId <= 0)) return undefined;
  return pick(value, ['id', 'connectorId'], {}) as TransactionEvent['evse'];
}

/** null: not in the common shape (undefined is taken by "no token"). */
function readIdToken(value: unknown): TransactionEvent['idToken'] | null {
  if (!plain(value, ID_TOKEN_KEYS)) return null;
  const { idToken, type } = value;
  if (typeof idToken !== 'string' || idToken.length > 36 || !isTokenType(type)) return null;
  return { idToken, type };
}

function readMeterValues(value: unknown): MeterValue[] | undefined {
  if (!Array.isArray(value) || value.length < 1 || value.length > METER_VALUES_MAX)
    return undefined;
  const read: MeterValue[] = [];
  for (const item of value) {
    const meterValue = readMeterValue(item);
    if (meterValue === undefined) return undefined;
    read.push(meterValue);
  }
  return read;
}

function readMeterValue(value: unknown): MeterValue | undefined {
  if (!plain(value, METER_VALUE_KEYS)) return undefined;
  const { timestamp, sampledValue } = value;
  if (!isDateTime(timestamp) || !Array.isArray(sampledValue)) return undefined;
  if (sampledValue.length < 1 || sampledValue.length > SAMPLED_VALUES_MAX) return undefined;
  const read: SampledValue[] = [];
  for (const item of sampledValue) {
    const sample = readSampledValue(item);
    if (sample === undefined) return undefined;
    read.push(sample);
  }
  return { timestamp, sampledValue: read };
}

function readSampledValue(value: unknown): SampledValue | undefined {
  if (!plain(value, SAMPLED_WITH_UNIT_KEYS)) return undefined;
  const { context, measurand, phase, location, unitOfMeasure } = value;
  const number = value['value'];
  if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
  if (context !== undefined && !isContext(context)) return undefined;
  if (measurand !== undefined && !isMeasurand(measurand)) return undefined;
  if (phase !== undefined && !isPhase(phase)) return undefined;
  if (location !== undefined && !isLocation(location)) return undefined;
  const read: Json = { value: number };
  if (context !== undefined) read['context'] = context;
  read['measurand'] = measurand ?? DEFAULT_MEASURAND;
  if (phase !== undefined) read['phase'] = phase;
  read['location'] = location ?? DEFAULT_LOCATION;
  if (unitOfMeasure !== undefined) {
    const unit = readUnit(unitOfMeasure);
    if (unit === undefined) return undefined;
    read['unitOfMeasure'] = unit;
  }
  return read as SampledValue;
}

function readUnit(value: unknown): SampledValue['unitOfMeasure'] | undefined {
  if (!plain(value, UNIT_KEYS)) return undefined;
  const { unit, multiplier } = value;
  if (unit !== undefined && (typeof unit !== 'string' || unit.length > 20)) return undefined;
  if (multiplier !== undefined && (!isInt(multiplier) || multiplier < -9 || multiplier > 9))
    return undefined;
  return unit === undefined
    ? { multiplier: multiplier ?? 0 }
    : { unit, multiplier: multiplier ?? 0 };
}
