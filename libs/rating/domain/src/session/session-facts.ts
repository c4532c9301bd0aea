/**
 * What rating knows of one session from ingestion's facts: its start (station, token,
 * meter start), its meter samples, its charging-state changes and its end. `meterFactsOf`
 * turns them into the engine's MeterFacts: the meter start is the baseline reading, the
 * samples strictly inside the session follow in time order, and meterStop closes it at
 * the end; every state but `Charging` counts as idle (PARKING_TIME), and the state held
 * at the start is the last one reported at or before it.
 */
import Decimal from 'decimal.js';
import type { ChargingState } from '@chargeledger/contracts';
import type { ChargingStateChange, MeterFacts, MeterReading } from '@chargeledger/rating/tariff';

export interface SessionSample {
  readonly sampledAt: string;
  readonly energyRegisterWh?: string | undefined;
  readonly powerW?: string | undefined;
  readonly currentA?: string | undefined;
}

export interface SessionStateChange {
  readonly changedAt: string;
  readonly chargingState: ChargingState;
}

/** What rating knows of a session before it ends. */
export interface OpenSessionFacts {
  readonly sessionId: string;
  readonly stationId: string;
  /** The EVSE the session charges at (an EVSE may have a tariff of its own). */
  readonly evseId?: number;
  readonly tokenRef?: string;
  readonly startedAt: string;
  readonly meterStartWh: string;
  readonly samples: readonly SessionSample[];
  readonly stateChanges: readonly SessionStateChange[];
}

export interface EndedSessionFacts extends OpenSessionFacts {
  readonly endedAt: string;
  readonly meterStopWh: string;
}

const byTime =
  <T>(at: (item: T) => string) =>
  (a: T, b: T): number =>
    Date.parse(at(a)) - Date.parse(at(b));

function readingOf(sample: SessionSample & { energyRegisterWh: string }): MeterReading {
  return {
    at: sample.sampledAt,
    energyWh: sample.energyRegisterWh,
    ...(sample.powerW === undefined
      ? {}
      : { powerKw: new Decimal(sample.powerW).div(1000).toFixed() }),
    ...(sample.currentA === undefined ? {} : { currentA: sample.currentA }),
  };
}

function stateChangesOf(facts: EndedSessionFacts): ChargingStateChange[] {
  const [startMs, endMs] = [Date.parse(facts.startedAt), Date.parse(facts.endedAt)];
  const sorted = [...facts.stateChanges].sort(byTime((c) => c.changedAt));
  const atStart = sorted.filter((c) => Date.parse(c.changedAt) <= startMs).at(-1);
  const inside = sorted.filter((c) => {
    const ms = Date.parse(c.changedAt);
    return ms > startMs && ms < endMs;
  });
  return [
    ...(atStart === undefined ? [] : [{ ...atStart, changedAt: facts.startedAt }]),
    ...inside,
  ].map((c) => ({ at: c.changedAt, charging: c.chargingState === 'Charging' }));
}

export function meterFactsOf(facts: EndedSessionFacts): MeterFacts {
  const [startMs, endMs] = [Date.parse(facts.startedAt), Date.parse(facts.endedAt)];
  const samples = facts.samples
    .filter(
      (s): s is SessionSample & { energyRegisterWh: string } => s.energyRegisterWh !== undefined,
    )
    .filter((s) => Date.parse(s.sampledAt) > startMs && Date.parse(s.sampledAt) < endMs)
    .sort(byTime((s) => s.sampledAt));
  return {
    startedAt: facts.startedAt,
    endedAt: facts.endedAt,
    readings: [
      { at: facts.startedAt, energyWh: facts.meterStartWh },
      ...samples.map(readingOf),
      { at: facts.endedAt, energyWh: facts.meterStopWh },
    ],
    stateChanges: stateChangesOf(facts),
  };
}
