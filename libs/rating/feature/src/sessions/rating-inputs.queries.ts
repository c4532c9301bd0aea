/**
 * Reads what the rating of one session needs from rating's own tables: the session's
 * projected facts (ended: through its first end, or through a later fact for a
 * re-rating; or open around one of its events), the station's zone and
 * tariff assignments, the versions of the tariffs assigned, and the operator's rounding
 * modes; for a token held by a driver, what member prices and loyalty read
 * (member-facts.queries.ts). Every query names its operator; rows are validated before use.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  canonicalId,
  ChargingStateChangedV1,
  MeterValuesRecordedV1,
  roundingMode,
  SessionEndedV1,
  SessionStartedV1,
  SessionTokenPresentedV1,
  TariffVersionPublishedV2,
  type EventData,
} from '@chargeledger/contracts';
import type {
  EndedSessionFacts,
  OpenSessionFacts,
  SessionRatingInputs,
} from '@chargeledger/rating/domain';
import { TARIFF_VERSION_EVENT_SQL } from '../tariffs/tariff.store';
import { memberFactsOf } from './member-facts.queries';

const factRow = z.object({
  event_id: z.string(),
  kind: z.enum(['started', 'token', 'samples', 'state', 'ended']),
  data: z.unknown(),
  stream_sequence: z.coerce.number(),
});
type FactRow = z.infer<typeof factRow>;

export interface ProjectedSession {
  /** The session's SessionEnded events, first in stream order first. */
  readonly endEventIds: readonly string[];
  /** Complete once the start and an end are projected. */
  readonly facts: EndedSessionFacts | undefined;
}

/** A session's facts around one of its events, cut by stream order. */
export type SessionFactsAt =
  /** The projection has not applied the event yet. */
  | { readonly status: 'pending' }
  /**
   * Not started before the event, or ended: once the end is projected the final rating
   * may have published the last live cost, and a running cost of an earlier cut published
   * after it (a redelivery that overtook the end) would show the driver a stale cost.
   */
  | { readonly status: 'closed' }
  | OpenSessionCut;

/** The facts of an open session recorded before one of its events, and up to it. */
export interface OpenSessionCut {
  readonly status: 'open';
  readonly before: OpenSessionFacts;
  readonly upTo: OpenSessionFacts;
}

function openFactsOf(sessionId: string, rows: readonly FactRow[]): OpenSessionFacts | undefined {
  const ofKind = (kind: string) => rows.filter((row) => row.kind === kind);
  const startRow = ofKind('started')[0];
  if (startRow === undefined) return undefined;
  const start = SessionStartedV1.schema.parse(startRow.data);
  // A session started without a token is charged to the one presented later.
  const presented = ofKind('token')[0];
  const tokenRef =
    start.tokenRef ??
    (presented === undefined
      ? undefined
      : SessionTokenPresentedV1.schema.parse(presented.data).tokenRef);
  return {
    sessionId,
    stationId: start.stationId,
    evseId: start.evseId,
    ...(tokenRef === undefined ? {} : { tokenRef }),
    startedAt: start.startedAt,
    meterStartWh: start.meterStartWh,
    samples: ofKind('samples').flatMap((r) => MeterValuesRecordedV1.schema.parse(r.data).samples),
    stateChanges: ofKind('state').map((r) => ChargingStateChangedV1.schema.parse(r.data)),
  };
}

/** Who holds a token: its account and, for a personal token, its driver. */
export interface TokenHolder {
  readonly accountId: string;
  readonly driverId: string | undefined;
}

function endedFactsOf(
  sessionId: string,
  rows: readonly FactRow[],
  cut: FactRow,
): EndedSessionFacts | undefined {
  const upTo = rows.filter((row) => row.stream_sequence <= cut.stream_sequence);
  const open = openFactsOf(sessionId, upTo);
  const endRow = upTo.find((row) => row.kind === 'ended');
  if (open === undefined || endRow === undefined) return undefined;
  const end = SessionEndedV1.schema.parse(endRow.data);
  return { ...open, endedAt: end.endedAt, meterStopWh: end.meterStopWh };
}

/** The loyalty credit a session's bill takes, and where the member's credit stands. */
export interface SessionCreditUse {
  readonly sessionId: string;
  readonly driverId: string;
  readonly amount: string;
  readonly currency: string;
  /** The last sequence of the member's `loyalty-credit` subject, as the view has it. */
  readonly memberVersion: number;
}

/** Where a session fact stands: not projected yet, recorded after the end, or before it. */
export type Lateness = 'pending' | 'late' | 'in-session';

export class RatingInputsQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The loyalty credit (excl. VAT) a session's bill takes, as rating recorded its use, with
   * the member's credit version (the last sequence of their `loyalty-credit` subject).
   */
  async loyaltyCreditUseOf(
    operatorId: string,
    sessionId: string,
  ): Promise<SessionCreditUse | undefined> {
    const [row] = z
      .array(
        z.object({
          driver_id: z.string(),
          amount: z.string(),
          currency: z.string(),
          member_version: z.coerce.number(),
        }),
      )
      .parse(
        await this.dataSource.query(
          `SELECT use.driver_id::text AS driver_id, use.amount, use.currency,
             (SELECT max(member.stream_sequence) FROM rating_loyalty_credit_uses_v1 member
              WHERE member.operator_id = use.operator_id AND member.driver_id = use.driver_id)
               AS member_version
           FROM rating_loyalty_credit_uses_v1 use WHERE use.operator_id = $1 AND use.session_id = $2`,
          [operatorId, sessionId],
        ),
      );
    return row === undefined
      ? undefined
      : {
          sessionId,
          driverId: row.driver_id,
          amount: row.amount,
          currency: row.currency,
          memberVersion: row.member_version,
        };
  }

  /** Undefined when the registry view has not applied the token's issue (or none was). */
  async tokenHolder(operatorId: string, tokenRef: string): Promise<TokenHolder | undefined> {
    const [row] = z
      .array(z.object({ account_id: z.string(), driver_id: z.string().nullable() }))
      .parse(
        await this.dataSource.query(
          `SELECT account_id, driver_id FROM rating_token_holders_v1
           WHERE operator_id = $1 AND token_id = $2`,
          [operatorId, tokenRef],
        ),
      );
    return row === undefined
      ? undefined
      : { accountId: row.account_id, driverId: row.driver_id ?? undefined };
  }

  async projectedSession(operatorId: string, sessionId: string): Promise<ProjectedSession> {
    const rows = await this.factRows(operatorId, sessionId);
    const ends = rows.filter((row) => row.kind === 'ended');
    const endEventIds = ends.map((r) => r.event_id);
    // Facts recorded after the end are late facts: a re-rating's, not the rating's.
    const facts = ends[0] === undefined ? undefined : endedFactsOf(sessionId, rows, ends[0]);
    return { endEventIds, facts };
  }

  /** Whether the session had ended before one of its facts, in stream order. */
  async lateness(operatorId: string, sessionId: string, eventId: string): Promise<Lateness> {
    const [row] = z
      .array(z.object({ at: z.coerce.number().nullable(), ended: z.coerce.number().nullable() }))
      .parse(
        await this.dataSource.query(
          `SELECT (SELECT stream_sequence FROM rating_session_facts_v1
                   WHERE operator_id = $1 AND session_id = $2 AND event_id = $3) AS at,
                  (SELECT min(stream_sequence) FROM rating_session_facts_v1
                   WHERE operator_id = $1 AND session_id = $2 AND kind = 'ended') AS ended`,
          [operatorId, sessionId, eventId],
        ),
      );
    if (row === undefined || row.at === null) return 'pending';
    return row.ended !== null && row.ended < row.at ? 'late' : 'in-session';
  }

  /**
   * The ended session's facts through one of its later facts (stream order), and the ids
   * of the facts that cut holds; undefined until that fact and the end are projected.
   */
  async factsThrough(
    operatorId: string,
    sessionId: string,
    eventId: string,
  ): Promise<{ facts: EndedSessionFacts; eventIds: readonly string[] } | undefined> {
    const rows = await this.factRows(operatorId, sessionId);
    const cut = rows.find((row) => row.event_id === eventId);
    const facts = cut === undefined ? undefined : endedFactsOf(sessionId, rows, cut);
    if (cut === undefined || facts === undefined) return undefined;
    const held = rows.filter((row) => row.stream_sequence <= cut.stream_sequence);
    return { facts, eventIds: held.map((row) => row.event_id) };
  }

  /**
   * Cut at the event's first recording, so a later copy of it reads the same facts; closed
   * as soon as any end of the session is projected.
   */
  async sessionFactsAt(
    operatorId: string,
    sessionId: string,
    eventId: string,
  ): Promise<SessionFactsAt> {
    const rows = await this.factRows(operatorId, sessionId);
    const cut = rows.find((row) => row.event_id === eventId)?.stream_sequence;
    if (cut === undefined) return { status: 'pending' };
    const upToRows = rows.filter((row) => row.stream_sequence <= cut);
    const before = openFactsOf(
      sessionId,
      upToRows.filter((row) => row.stream_sequence < cut),
    );
    const upTo = openFactsOf(sessionId, upToRows);
    if (before === undefined || upTo === undefined || rows.some((r) => r.kind === 'ended'))
      return { status: 'closed' };
    return { status: 'open', before, upTo };
  }

  async ratingInputs<F extends OpenSessionFacts>(
    operatorId: string,
    facts: F,
  ): Promise<SessionRatingInputs<F>> {
    const stationKey = canonicalId(facts.stationId);
    const [station] = z
      .array(z.object({ time_zone: z.string(), site_id: z.string().nullable() }))
      .parse(
        await this.dataSource.query(
          `SELECT time_zone, site_id FROM rating_stations_v1 WHERE operator_id = $1 AND station_key = $2`,
          [operatorId, stationKey],
        ),
      );
    const assignments = z
      .array(
        z.object({
          tariff_id: z.string(),
          evse_id: z.number().nullable(),
          assigned_at: z.string(),
          stream_sequence: z.coerce.number(),
        }),
      )
      .parse(
        await this.dataSource.query(
          `SELECT tariff_id, evse_id, assigned_at, stream_sequence FROM rating_tariff_assignments_v1
           WHERE operator_id = $1 AND station_key = $2`,
          [operatorId, stationKey],
        ),
      );
    const driverId =
      facts.tokenRef === undefined
        ? undefined
        : (await this.tokenHolder(operatorId, facts.tokenRef))?.driverId;
    const member =
      driverId === undefined
        ? undefined
        : await memberFactsOf(this.dataSource, operatorId, driverId);
    const versions = await this.tariffVersions(operatorId, [
      ...assignments.map((a) => a.tariff_id),
      ...(member?.groupTariffs.map((a) => a.tariffId) ?? []),
    ]);
    const settings = z
      .array(
        z.object({
          rounding_mode: roundingMode,
          changed_at: z.string(),
          stream_sequence: z.coerce.number(),
        }),
      )
      .parse(
        await this.dataSource.query(
          `SELECT rounding_mode, changed_at, stream_sequence FROM rating_rounding_settings_v1
           WHERE operator_id = $1`,
          [operatorId],
        ),
      );
    return {
      facts,
      stationTimeZone: station?.time_zone,
      stationSiteId: station?.site_id ?? undefined,
      assignments: assignments.map((a) => ({
        tariffId: a.tariff_id,
        ...(a.evse_id === null ? {} : { evseId: a.evse_id }),
        effectiveFrom: a.assigned_at,
        sequence: a.stream_sequence,
      })),
      versions,
      roundingSettings: settings.map((s) => ({
        roundingMode: s.rounding_mode,
        effectiveFrom: s.changed_at,
        sequence: s.stream_sequence,
      })),
      ...(member === undefined ? {} : { member }),
    };
  }

  /** Every version of the tariffs named. */
  async tariffVersions(
    operatorId: string,
    tariffIds: readonly string[],
  ): Promise<EventData<typeof TariffVersionPublishedV2>[]> {
    const tariffKeys = [...new Set(tariffIds.map(canonicalId))];
    return z
      .array(z.object({ event: z.unknown() }))
      .parse(
        await this.dataSource.query(
          `SELECT ${TARIFF_VERSION_EVENT_SQL} AS event
           FROM rating_tariff_versions_v1 WHERE operator_id = $1 AND tariff_key = ANY($2::text[])`,
          [operatorId, tariffKeys],
        ),
      )
      .map((row) => TariffVersionPublishedV2.schema.parse(row.event));
  }

  private async factRows(operatorId: string, sessionId: string): Promise<FactRow[]> {
    return z.array(factRow).parse(
      await this.dataSource.query(
        `SELECT event_id, kind, data, stream_sequence FROM rating_session_facts_v1
         WHERE operator_id = $1 AND session_id = $2 ORDER BY stream_sequence, event_id`,
        [operatorId, sessionId],
      ),
    );
  }
}
