/**
 * Ingestion's session states in Postgres: loaded for the sessions a batch names (locked in
 * id order, so replicas sharing the durable serialise per session without deadlocks), and
 * saved with the subject sequence the state includes. A state row holds everything but
 * the samples; samples are appended to their own table, so a batch writes only what it
 * accepted. Both are validated on read.
 */
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import {
  chargingState,
  meterSampleV1,
  SessionEndedV1,
  SessionStartedV1,
} from '@chargeledger/contracts';
import {
  inBillingOrder,
  type MeterSample,
  type RawDecision,
  type SessionState,
} from '@chargeledger/ingestion/domain';
import type { SessionSamplesCache } from './session-samples.cache';

const known = {
  start: SessionStartedV1.schema,
  // states stored before these fields existed read as none yet
  seqNosWithoutSamples: z.array(z.int().nonnegative()).default([]),
  chargingState: chargingState.optional(),
  needsReview: z.boolean(),
  laterTokenRef: z.uuid().optional(),
};
const storedState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('open'), ...known }),
  z.object({ status: z.literal('ended'), end: SessionEndedV1.schema, ...known }),
]);
const sampleRow = z.object({ session_id: z.string(), sample: meterSampleV1 });
const stateRow = z.object({
  session_id: z.string(),
  state: storedState,
  version: z.coerce.number(),
});

export interface StoredSession {
  readonly state: SessionState;
  /** Last subject sequence of the session's events that the state includes. */
  readonly version: number;
}

export interface SessionStateWrite {
  readonly operatorId: string;
  readonly sessionId: string;
  readonly state: Exclude<SessionState, { status: 'unknown' }>;
  readonly version: number;
}

/**
 * Locks and reads the sessions' state rows; samples come from `cache` when it holds them
 * at the row's version, else from Postgres (and are then remembered).
 */
export async function loadSessionsForUpdate(
  tx: QueryRunner,
  sessionIds: readonly string[],
  cache: SessionSamplesCache,
): Promise<Map<string, StoredSession>> {
  if (sessionIds.length === 0) return new Map();
  const ids = [...new Set(sessionIds)];
  const rows = z.array(stateRow).parse(
    await tx.query(
      `SELECT session_id, state, version FROM ingestion_sessions_v1
       WHERE session_id = ANY($1::uuid[]) ORDER BY session_id FOR UPDATE`,
      [ids],
    ),
  );
  const samplesOf = new Map<string, readonly MeterSample[]>();
  for (const row of rows) {
    const cached = cache.get(row.session_id, row.version);
    if (cached !== undefined) samplesOf.set(row.session_id, cached);
  }
  const toRead = rows.filter((row) => !samplesOf.has(row.session_id));
  for (const [sessionId, samples] of await readSamples(tx, toRead)) {
    samplesOf.set(sessionId, samples);
  }
  for (const row of toRead)
    cache.remember(row.session_id, row.version, samplesOf.get(row.session_id) ?? []);
  return new Map(
    rows.map((row) => [
      row.session_id,
      {
        state: { ...row.state, samples: samplesOf.get(row.session_id) ?? [] },
        version: row.version,
      },
    ]),
  );
}

/** Samples of the locked sessions, in billing order per session. */
async function readSamples(
  tx: QueryRunner,
  rows: readonly { readonly session_id: string }[],
): Promise<Map<string, MeterSample[]>> {
  const samplesOf = new Map<string, MeterSample[]>();
  if (rows.length === 0) return samplesOf;
  const samples = z.array(sampleRow).parse(
    await tx.query(
      `SELECT session_id, sample FROM ingestion_session_samples_v1
       WHERE session_id = ANY($1::uuid[]) ORDER BY session_id, sampled_at, seq_no NULLS FIRST`,
      [rows.map((row) => row.session_id)],
    ),
  );
  for (const row of samples) {
    const list = samplesOf.get(row.session_id);
    if (list === undefined) samplesOf.set(row.session_id, [row.sample]);
    else list.push(row.sample);
  }
  // text order of the stored instants is billing order; sorting keeps that a rule
  for (const [sessionId, list] of samplesOf) samplesOf.set(sessionId, inBillingOrder(list));
  return samplesOf;
}

/**
 * What a batch writes for each session it changed: the state and the subject sequence of
 * its last event (`versionOf`).
 */
export function sessionWritesOf(
  sessions: ReadonlyMap<string, SessionState>,
  versionOf: (sessionId: string) => number | undefined,
  operatorOf: ReadonlyMap<string, string>,
): SessionStateWrite[] {
  return [...sessions].map(([sessionId, state]) => {
    const version = versionOf(sessionId);
    const operatorId = operatorOf.get(sessionId);
    if (state.status === 'unknown' || version === undefined || operatorId === undefined)
      throw new Error(`session ${sessionId} changed without events`);
    return { operatorId, sessionId, state, version };
  });
}

/*
 * Row sets go to Postgres as one JSON document each: states and samples are JSON already,
 * and a document is encoded once, where array parameters would escape every JSON text
 * again element by element.
 */

/** Saves the states (without their samples) at the versions their events reached. */
export async function saveSessions(
  tx: QueryRunner,
  writes: readonly SessionStateWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const states = writes.map((w) => ({
    session_id: w.sessionId,
    operator_id: w.operatorId,
    station_id: w.state.start.stationId,
    transaction_id: w.state.start.transactionId,
    status: w.state.status,
    needs_review: w.state.needsReview,
    started_at: w.state.start.startedAt,
    state: { ...w.state, samples: undefined },
    version: w.version,
  }));
  await tx.query(
    `INSERT INTO ingestion_sessions_v1
       (session_id, operator_id, station_id, transaction_id, status, needs_review, started_at, state, version)
     SELECT * FROM json_to_recordset($1::json) AS w(session_id uuid, operator_id text, station_id text,
       transaction_id text, status text, needs_review boolean, started_at text, state jsonb, version bigint)
     ON CONFLICT (session_id) DO UPDATE SET
       status = EXCLUDED.status, needs_review = EXCLUDED.needs_review,
       state = EXCLUDED.state, version = EXCLUDED.version
     WHERE ingestion_sessions_v1.version <= EXCLUDED.version`,
    [JSON.stringify(states)],
  );
}

/**
 * Appends the samples the batch's MeterValuesRecorded accepted. They depend on nothing
 * the publish answers, so the caller may run this while the facts are published.
 */
export async function appendAcceptedSamples(
  tx: QueryRunner,
  decisions: readonly RawDecision[],
): Promise<void> {
  const samples = decisions.flatMap(({ events }) =>
    events.flatMap((event) =>
      event.type === 'MeterValuesRecorded'
        ? event.data.samples.map((sample) => ({ session_id: event.data.sessionId, sample }))
        : [],
    ),
  );
  if (samples.length === 0) return;
  await tx.query(
    `INSERT INTO ingestion_session_samples_v1 (session_id, sampled_at, seq_no, sample)
     SELECT session_id, sample->>'sampledAt', (sample->>'seqNo')::bigint, sample
     FROM json_to_recordset($1::json) AS s(session_id uuid, sample jsonb)`,
    [JSON.stringify(samples)],
  );
}
