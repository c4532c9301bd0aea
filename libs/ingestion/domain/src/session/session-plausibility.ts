/**
 * Plausibility of a message's samples against what the session already accepted. Times are
 * checked against the server receive time (passed in, never read from a clock) with a
 * tolerance for station clock skew; registers against their neighbours in billing order,
 * so a sample arriving late or out of order is judged where it belongs, not where it came.
 */
import Decimal from 'decimal.js';
import type { MeterSample } from '../ocpp/meter-sample.normalise';
import { rejection, type Rejection } from './ingestion-rejection';
import { billingOrderIndex, inBillingOrder } from './session.state';

export interface PlausibilityPolicy {
  /** How far a station clock may run ahead of the server's receive time. */
  readonly clockSkewToleranceMs: number;
  /** How old a buffered message may be when a station flushes it after an outage. */
  readonly offlineBacklogMaxMs: number;
  /** Allowed excess over the connector's maximum power, as a decimal factor ("1.1"). */
  readonly powerToleranceFactor: string;
}

export interface SessionWindow {
  readonly from?: string;
  readonly to?: string;
}

const MS_PER_HOUR = 3_600_000;

export function checkTimestamps(
  timestamps: readonly string[],
  receivedAt: string,
  policy: PlausibilityPolicy,
  window: SessionWindow,
): Rejection | undefined {
  const receivedMs = Date.parse(receivedAt);
  const fromMs = window.from === undefined ? undefined : Date.parse(window.from);
  const toMs = window.to === undefined ? undefined : Date.parse(window.to);
  for (const timestamp of timestamps) {
    const ms = Date.parse(timestamp);
    if (ms > receivedMs + policy.clockSkewToleranceMs)
      return rejection('INGESTION.TIMESTAMP_IN_FUTURE', `${timestamp} is after ${receivedAt}`);
    if (ms < receivedMs - policy.offlineBacklogMaxMs)
      return rejection('INGESTION.TIMESTAMP_TOO_OLD', `${timestamp} is older than the backlog`);
    if (fromMs !== undefined && ms < fromMs)
      return rejection(
        'INGESTION.TIMESTAMP_BEFORE_SESSION_START',
        `${timestamp} is before the session start ${window.from}`,
      );
    if (toMs !== undefined && ms > toMs)
      return rejection(
        'INGESTION.EVENT_AFTER_SESSION_ENDED',
        `${timestamp} is after the session end ${window.to}`,
      );
  }
  return undefined;
}

export interface RegisterBounds {
  /** The start register at the start time; every sample must be at or above it. */
  readonly start: { readonly at: string; readonly energyWh: string };
  /** The stop register at the end time, once the session ended. */
  readonly end?: { readonly at: string; readonly energyWh: string };
  readonly maxPowerW: string;
}

/** Power limits by rated power and tolerance: a fleet has few connector types. */
const LIMITS_KEPT = 256;
const limitsW = new Map<string, Decimal>();

/** The connector's rated power times the tolerance factor, in W. */
function limitWOf(maxPowerW: string, toleranceFactor: string): Decimal {
  const key = `${maxPowerW}×${toleranceFactor}`;
  const known = limitsW.get(key);
  if (known !== undefined) return known;
  if (limitsW.size >= LIMITS_KEPT) limitsW.clear();
  const limitW = new Decimal(maxPowerW).times(toleranceFactor);
  limitsW.set(key, limitW);
  return limitW;
}

/** Checks each incoming register against its neighbours, inserting it as it passes. */
export function checkRegisters(
  accepted: readonly MeterSample[],
  incoming: readonly MeterSample[],
  bounds: RegisterBounds,
  policy: PlausibilityPolicy,
): Rejection | undefined {
  const limitW = limitWOf(bounds.maxPowerW, policy.powerToleranceFactor);
  // accepted samples are in billing order and inside the window: start first, end last
  const points: MeterSample[] = [
    { sampledAt: bounds.start.at, energyRegisterWh: bounds.start.energyWh, seqNo: -1 },
    ...accepted.filter((s) => s.energyRegisterWh !== undefined),
  ];
  if (bounds.end !== undefined) {
    const end = { sampledAt: bounds.end.at, energyRegisterWh: bounds.end.energyWh };
    points.push({ ...end, seqNo: Number.MAX_SAFE_INTEGER });
  }
  for (const sample of inBillingOrder(incoming)) {
    if (sample.energyRegisterWh === undefined) continue;
    const at = billingOrderIndex(points, sample);
    const refused =
      checkStep(points[at - 1], sample, limitW, 'previous') ??
      checkStep(sample, points[at], limitW, 'next');
    if (refused !== undefined) return refused;
    points.splice(at, 0, sample);
  }
  return undefined;
}

function checkStep(
  earlier: MeterSample | undefined,
  later: MeterSample | undefined,
  limitW: Decimal,
  neighbour: 'previous' | 'next',
): Rejection | undefined {
  if (earlier?.energyRegisterWh === undefined || later?.energyRegisterWh === undefined)
    return undefined;
  const fromWh = new Decimal(earlier.energyRegisterWh);
  const toWh = new Decimal(later.energyRegisterWh);
  const what = () =>
    `${fromWh.toFixed()} Wh at ${earlier.sampledAt} then ${toWh.toFixed()} Wh at ${later.sampledAt}`;
  if (toWh.lessThan(fromWh)) {
    const reset = neighbour === 'previous' && toWh.isZero();
    return rejection(
      reset ? 'INGESTION.METER_REGISTER_RESET' : 'INGESTION.METER_REGISTER_DECREASED',
      what(),
    );
  }
  const elapsedMs = Date.parse(later.sampledAt) - Date.parse(earlier.sampledAt);
  // energy / (elapsed hours) > limit, kept as a product so a zero interval needs no division
  const implausible = toWh.minus(fromWh).times(MS_PER_HOUR).greaterThan(limitW.times(elapsedMs));
  if (implausible)
    return rejection('INGESTION.IMPLAUSIBLE_POWER', `${what()} exceeds ${limitW.toFixed()} W`);
  return undefined;
}
