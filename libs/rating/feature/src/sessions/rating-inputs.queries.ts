/**
 * Reads what the final rating of one session needs from rating's own tables: the
 * session's projected facts, the station's zone and tariff assignments, the versions of
 * the tariffs assigned, and the operator's rounding modes. Every query names its
 * operator; rows are validated before use.
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
  TariffVersionPublishedV1,
} from '@chargeledger/contracts';
import type { EndedSessionFacts, SessionRatingInputs } from '@chargeledger/rating/domain';

const factRow = z.object({
  event_id: z.string(),
  kind: z.enum(['started', 'samples', 'state', 'ended']),
  data: z.unknown(),
});

export interface ProjectedSession {
  /** The session's SessionEnded events, first in stream order first. */
  readonly endEventIds: readonly string[];
  /** Complete once the start and an end are projected. */
  readonly facts: EndedSessionFacts | undefined;
}

export class RatingInputsQueries {
  constructor(private readonly dataSource: DataSource) {}

  async projectedSession(operatorId: string, sessionId: string): Promise<ProjectedSession> {
    const rows = z.array(factRow).parse(
      await this.dataSource.query(
        `SELECT event_id, kind, data FROM rating_session_facts_v1
         WHERE operator_id = $1 AND session_id = $2 ORDER BY stream_sequence, event_id`,
        [operatorId, sessionId],
      ),
    );
    const ofKind = (kind: string) => rows.filter((row) => row.kind === kind);
    const ends = ofKind('ended');
    const [startRow, endRow] = [ofKind('started')[0], ends[0]];
    if (startRow === undefined || endRow === undefined)
      return { endEventIds: ends.map((r) => r.event_id), facts: undefined };
    const start = SessionStartedV1.schema.parse(startRow.data);
    const end = SessionEndedV1.schema.parse(endRow.data);
    const facts: EndedSessionFacts = {
      sessionId,
      stationId: start.stationId,
      ...(start.tokenRef === undefined ? {} : { tokenRef: start.tokenRef }),
      startedAt: start.startedAt,
      meterStartWh: start.meterStartWh,
      samples: ofKind('samples').flatMap((r) => MeterValuesRecordedV1.schema.parse(r.data).samples),
      stateChanges: ofKind('state').map((r) => ChargingStateChangedV1.schema.parse(r.data)),
      endedAt: end.endedAt,
      meterStopWh: end.meterStopWh,
    };
    return { endEventIds: ends.map((r) => r.event_id), facts };
  }

  async ratingInputs(operatorId: string, facts: EndedSessionFacts): Promise<SessionRatingInputs> {
    const stationKey = canonicalId(facts.stationId);
    const [station] = z
      .array(z.object({ time_zone: z.string() }))
      .parse(
        await this.dataSource.query(
          `SELECT time_zone FROM rating_stations_v1 WHERE operator_id = $1 AND station_key = $2`,
          [operatorId, stationKey],
        ),
      );
    const assignments = z
      .array(
        z.object({
          tariff_id: z.string(),
          assigned_at: z.string(),
          stream_sequence: z.coerce.number(),
        }),
      )
      .parse(
        await this.dataSource.query(
          `SELECT tariff_id, assigned_at, stream_sequence FROM rating_tariff_assignments_v1
           WHERE operator_id = $1 AND station_key = $2`,
          [operatorId, stationKey],
        ),
      );
    const tariffKeys = [...new Set(assignments.map((a) => canonicalId(a.tariff_id)))];
    const versions = z
      .array(z.object({ event: z.unknown() }))
      .parse(
        await this.dataSource.query(
          `SELECT json_build_object('tariffId', tariff_id, 'version', version, 'currency', currency,
             'validFrom', valid_from, 'validTo', valid_to, 'tariff', tariff) AS event
           FROM rating_tariff_versions_v1 WHERE operator_id = $1 AND tariff_key = ANY($2::text[])`,
          [operatorId, tariffKeys],
        ),
      )
      .map((row) => TariffVersionPublishedV1.schema.parse(row.event));
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
      assignments: assignments.map((a) => ({
        tariffId: a.tariff_id,
        effectiveFrom: a.assigned_at,
        sequence: a.stream_sequence,
      })),
      versions,
      roundingSettings: settings.map((s) => ({
        roundingMode: s.rounding_mode,
        effectiveFrom: s.changed_at,
        sequence: s.stream_sequence,
      })),
    };
  }
}
