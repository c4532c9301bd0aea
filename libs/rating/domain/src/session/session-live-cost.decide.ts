/**
 * The running cost of an open session. The facts so far are priced as if the session
 * ended at its last energy reading (the provisional end), through `rateEndedSession`: the
 * same tariff choice, engine and settlement as the final rating, so the live cost of the
 * full facts is the bill. A session rating refuses (no station, no tariff, unratable)
 * has no live cost.
 *
 * `liveCostDue` is the throttle, a pure function of the facts so a re-run decides the
 * same: station time from the start is cut into intervals, and a live cost is due when
 * the last reading moves into a later interval than the one before it; the first reading
 * is always due. So a session gets at most one per interval, and a reading that is not
 * newer than the last one (a late, older chunk) never reprices it.
 */
import Decimal from 'decimal.js';
import type { EventData, SessionCostUpdatedV1, SessionRatedV1 } from '@chargeledger/contracts';
import type { OpenSessionFacts } from './session-facts';
import { rateEndedSession, type SessionRatingInputs } from './session-rating.decide';

export type LiveCost = EventData<typeof SessionCostUpdatedV1>;

interface EnergyReading {
  readonly at: string;
  readonly energyWh: string;
}

/** The latest energy reading after the start; among equal times, the last recorded. */
export function lastReadingOf(facts: OpenSessionFacts): EnergyReading | undefined {
  const startMs = Date.parse(facts.startedAt);
  let last: EnergyReading | undefined;
  for (const sample of facts.samples) {
    const ms = Date.parse(sample.sampledAt);
    if (sample.energyRegisterWh === undefined || ms <= startMs) continue;
    if (last === undefined || ms >= Date.parse(last.at))
      last = { at: sample.sampledAt, energyWh: sample.energyRegisterWh };
  }
  return last;
}

export function liveCostDue(
  before: OpenSessionFacts,
  upTo: OpenSessionFacts,
  intervalMs: number,
): boolean {
  const [previous, current] = [lastReadingOf(before), lastReadingOf(upTo)];
  if (current === undefined) return false;
  if (previous === undefined) return true;
  const interval = (reading: EnergyReading) =>
    Math.floor((Date.parse(reading.at) - Date.parse(upTo.startedAt)) / intervalMs);
  return interval(current) > interval(previous);
}

/** What the driver sees of a rated session: its exact total and what it bills. */
export function liveCostOf(rated: EventData<typeof SessionRatedV1>): LiveCost {
  const { total } = rated.billable;
  return {
    sessionId: rated.sessionId,
    asOf: rated.endedAt,
    energyWh: new Decimal(rated.totals.total_energy).times(1000).toFixed(),
    tariff: rated.tariff,
    cost: rated.totals.total_cost,
    billableExclVat: total.excl_vat,
    ...(total.incl_vat === undefined ? {} : { billableInclVat: total.incl_vat }),
  };
}

export function rateOpenSession(
  inputs: SessionRatingInputs<OpenSessionFacts>,
): LiveCost | undefined {
  const reading = lastReadingOf(inputs.facts);
  if (reading === undefined) return undefined;
  const outcome = rateEndedSession({
    ...inputs,
    facts: { ...inputs.facts, endedAt: reading.at, meterStopWh: reading.energyWh },
  });
  return outcome.kind === 'rated' ? liveCostOf(outcome.data) : undefined;
}
