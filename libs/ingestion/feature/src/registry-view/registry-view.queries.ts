/**
 * Reads of ingestion's registry view: the stations a batch of messages names (one query
 * per batch, not per message) and the facts a token decision needs. A message for a
 * station the view does not know yet is refused, never guessed at.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  canonicalId,
  decideTokenAuthorization,
  ocppVersion,
  tokenRefOf,
  type OcppVersion,
  type TokenAuthorization,
} from '@chargeledger/contracts';
import type { ConnectorFacts } from '@chargeledger/ingestion/domain';

export interface StationFacts {
  readonly operatorId: string;
  /** The id as registered (the subject carries its canonical form). */
  readonly stationId: string;
  readonly ocppVersion: OcppVersion;
  readonly timeZone: string;
  readonly credentialsRef: string;
  readonly connectors: readonly ConnectorFacts[];
}

const stationRow = z.object({
  operator_id: z.string(),
  station_id: z.string(),
  ocpp_version: ocppVersion,
  time_zone: z.string(),
  credentials_ref: z.string(),
  connectors: z.array(z.object({ evseId: z.int(), connectorId: z.int(), maxPowerW: z.string() })),
});
const tokenRow = z.object({
  token_id: z.string(),
  status: z.enum(['active', 'blocked']),
  expires_at: z.string().nullable(),
  account_status: z.enum(['active', 'in_dunning']).nullable(),
});

export interface TokenQuestion {
  readonly operatorId: string;
  readonly uid: string;
  /** When the token is presented (UTC): expiry is judged then. */
  readonly at: string;
}

export function stationKeyOf(operatorId: string, stationId: string): string {
  return JSON.stringify([operatorId, canonicalId(stationId)]);
}

export class RegistryViewQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Stations by `stationKeyOf(operator, station)`; unknown ones are absent. */
  async stations(
    keys: readonly { operatorId: string; stationId: string }[],
  ): Promise<Map<string, StationFacts>> {
    if (keys.length === 0) return new Map();
    // a batch names each station many times; ask for each once
    const unique = [
      ...new Map(keys.map((k) => [stationKeyOf(k.operatorId, k.stationId), k] as const)).values(),
    ];
    const rows = z.array(stationRow).parse(
      await this.dataSource.query(
        `SELECT s.operator_id, s.station_id, s.ocpp_version, s.time_zone, s.credentials_ref, s.connectors
         FROM ingestion_stations_v1 s
         JOIN unnest($1::text[], $2::text[]) AS k(operator_id, station_key)
           ON s.operator_id = k.operator_id AND s.station_key = k.station_key`,
        [unique.map((k) => k.operatorId), unique.map((k) => canonicalId(k.stationId))],
      ),
    );
    return new Map(
      rows.map((row) => [
        stationKeyOf(row.operator_id, row.station_id),
        {
          operatorId: row.operator_id,
          stationId: row.station_id,
          ocppVersion: row.ocpp_version,
          timeZone: row.time_zone,
          credentialsRef: row.credentials_ref,
          connectors: row.connectors,
        },
      ]),
    );
  }

  /** The registry's token decision, from ingestion's own copy of the facts. */
  async authorize(operatorId: string, uid: string, at: string): Promise<TokenAuthorization> {
    const [decision] = await this.authorizeAll([{ operatorId, uid, at }]);
    if (decision === undefined) throw new Error('one token asked, no decision');
    return decision;
  }

  /** The decisions on several tokens, in the order asked, from one query. */
  async authorizeAll(tokens: readonly TokenQuestion[]): Promise<TokenAuthorization[]> {
    if (tokens.length === 0) return [];
    const refs = tokens.map((t) => tokenRefOf(t.operatorId, t.uid));
    const rows = z.array(tokenRow).parse(
      await this.dataSource.query(
        `SELECT t.token_id, t.status, t.expires_at, a.status AS account_status
         FROM ingestion_tokens_v1 t
         JOIN unnest($1::text[], $2::uuid[]) AS k(operator_id, token_id)
           ON t.operator_id = k.operator_id AND t.token_id = k.token_id
         LEFT JOIN ingestion_accounts_v1 a ON a.operator_id = t.operator_id AND a.account_id = t.account_id`,
        [tokens.map((t) => t.operatorId), refs],
      ),
    );
    const rowOf = new Map(rows.map((row) => [row.token_id, row]));
    return tokens.map((token, index) => {
      const row = rowOf.get(refs[index] ?? '');
      return decideTokenAuthorization({
        token: row === undefined ? undefined : { status: row.status, expiresAt: row.expires_at },
        account: row?.account_status == null ? undefined : { status: row.account_status },
        at: token.at,
      });
    });
  }
}
