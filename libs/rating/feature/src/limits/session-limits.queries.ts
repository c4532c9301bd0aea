/**
 * Reads what the limit checks and the hold of one session need from rating's tables: the
 * limit settings recorded for its station, its token's account and driver, its tariff
 * and the session itself (histories, so the domain picks what was in effect when), and
 * the scopes themselves: who holds the session's token and which tariff prices it.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { canonicalId, limitScope, sessionLimitValues } from '@chargeledger/contracts';
import {
  sessionTariffOf,
  type LimitSetting,
  type OpenSessionFacts,
  type SessionRatingInputs,
  type SessionTariff,
} from '@chargeledger/rating/domain';
import type { RatingInputsQueries } from '../sessions/rating-inputs.queries';

const settingRow = z.object({
  scope: limitScope,
  limits: sessionLimitValues,
  set_at: z.string(),
  stream_sequence: z.coerce.number(),
});

export interface SessionLimitInputs {
  readonly rating: SessionRatingInputs<OpenSessionFacts>;
  readonly tariff: SessionTariff;
  readonly settings: readonly LimitSetting[];
}

export class SessionLimitsQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ratingInputs: RatingInputsQueries,
  ) {}

  async inputsOf(operatorId: string, facts: OpenSessionFacts): Promise<SessionLimitInputs> {
    const rating = await this.ratingInputs.ratingInputs(operatorId, facts);
    const tariff = sessionTariffOf(rating);
    const holder =
      facts.tokenRef === undefined
        ? undefined
        : await this.ratingInputs.tokenHolder(operatorId, facts.tokenRef);
    const keys: [string, string | undefined][] = [
      ['station', facts.stationId],
      ['account', holder?.accountId],
      ['driver', holder?.driverId],
      ['tariff', tariff.tariffId],
      ['session', facts.sessionId],
    ];
    const scoped = keys.flatMap(([scope, id]) =>
      id === undefined ? [] : [{ scope, key: canonicalId(id) }],
    );
    const rows = z.array(settingRow).parse(
      await this.dataSource.query(
        `SELECT s.scope, s.limits, s.set_at, s.stream_sequence FROM rating_session_limits_v1 s
         JOIN unnest($2::text[], $3::text[]) AS k(scope, scope_key)
           ON s.scope = k.scope AND s.scope_key = k.scope_key
         WHERE s.operator_id = $1`,
        [operatorId, scoped.map((s) => s.scope), scoped.map((s) => s.key)],
      ),
    );
    return {
      rating,
      tariff,
      settings: rows.map((row) => ({
        scope: row.scope,
        limits: row.limits,
        effectiveFrom: row.set_at,
        sequence: row.stream_sequence,
      })),
    };
  }

  /** Whether the operator ever set a limit of any scope. */
  async operatorHasLimits(operatorId: string): Promise<boolean> {
    const rows = z
      .array(z.object({ found: z.literal(1) }))
      .parse(
        await this.dataSource.query(
          'SELECT 1 AS found FROM rating_session_limits_v1 WHERE operator_id = $1 LIMIT 1',
          [operatorId],
        ),
      );
    return rows.length > 0;
  }

  /** The station's transaction id of a started session (what a RemoteStop names). */
  async transactionIdOf(operatorId: string, sessionId: string): Promise<string> {
    const [row] = z.array(z.object({ transaction_id: z.string() })).parse(
      await this.dataSource.query(
        `SELECT data->>'transactionId' AS transaction_id FROM rating_session_facts_v1
           WHERE operator_id = $1 AND session_id = $2 AND kind = 'started'
           ORDER BY stream_sequence LIMIT 1`,
        [operatorId, sessionId],
      ),
    );
    if (row === undefined) throw new Error(`session ${sessionId} has no projected start`);
    return row.transaction_id;
  }
}
