/**
 * Ingestion's own projection of EVT_REGISTRY: stations with their connectors (for
 * plausibility and OCPP-J logins), tokens and accounts (for authorisation). Events of
 * other registry aggregates are skipped. Deterministic upserts keyed by natural ids, so
 * a rebuild from the log reproduces the tables.
 */
import type { QueryRunner } from 'typeorm';
import {
  canonicalId,
  CustomerAccountDunningEndedV1,
  CustomerAccountDunningStartedV1,
  CustomerAccountOpenedV1,
  StationRegisteredV1,
  TokenBlockedV1,
  TokenIssuedV1,
  TokenUnblockedV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import type { ConsumedEvent, Projection } from '@chargeledger/platform/eventstore';

export const INGESTION_REGISTRY_CONSUMER = 'ingestion-registry';

export class RegistryViewProjection implements Projection {
  readonly consumer = INGESTION_REGISTRY_CONSUMER;
  readonly tables = [
    { name: 'ingestion_stations_v1', orderBy: 'operator_id, station_key' },
    { name: 'ingestion_tokens_v1', orderBy: 'operator_id, token_id' },
    { name: 'ingestion_accounts_v1', orderBy: 'operator_id, account_id' },
  ];

  async apply(events: readonly ConsumedEvent[], tx: QueryRunner): Promise<void> {
    for (const { envelope } of events) await applyRegistryEvent(envelope, tx);
  }
}

async function applyRegistryEvent(envelope: EventEnvelope, tx: QueryRunner): Promise<void> {
  const { type, data, operatorid: operatorId } = envelope;
  switch (type) {
    case StationRegisteredV1.type: {
      const station = StationRegisteredV1.schema.parse(data);
      const connectors = station.evses.flatMap((evse) =>
        evse.connectors.map((c) => ({
          evseId: evse.evseId,
          connectorId: c.connectorId,
          maxPowerW: String(c.maxPowerW),
        })),
      );
      await tx.query(
        `INSERT INTO ingestion_stations_v1 (operator_id, station_key, station_id, ocpp_version, time_zone, connectors, credentials_ref)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [
          operatorId,
          canonicalId(station.stationId),
          station.stationId,
          station.ocppVersion,
          station.timeZone,
          JSON.stringify(connectors),
          station.credentialsRef,
        ],
      );
      return;
    }
    case TokenIssuedV1.type: {
      const token = TokenIssuedV1.schema.parse(data);
      await tx.query(
        `INSERT INTO ingestion_tokens_v1 (operator_id, token_id, account_id, status, expires_at)
         VALUES ($1, $2, $3, 'active', $4) ON CONFLICT DO NOTHING`,
        [operatorId, token.tokenId, token.accountId, token.expiresAt],
      );
      return;
    }
    case TokenBlockedV1.type:
      return setTokenStatus(tx, operatorId, TokenBlockedV1.schema.parse(data).tokenId, 'blocked');
    case TokenUnblockedV1.type:
      return setTokenStatus(tx, operatorId, TokenUnblockedV1.schema.parse(data).tokenId, 'active');
    case CustomerAccountOpenedV1.type: {
      const { accountId } = CustomerAccountOpenedV1.schema.parse(data);
      await tx.query(
        `INSERT INTO ingestion_accounts_v1 (operator_id, account_id, status)
         VALUES ($1, $2, 'active') ON CONFLICT DO NOTHING`,
        [operatorId, accountId],
      );
      return;
    }
    case CustomerAccountDunningStartedV1.type: {
      const { accountId } = CustomerAccountDunningStartedV1.schema.parse(data);
      return setAccountStatus(tx, operatorId, accountId, 'in_dunning');
    }
    case CustomerAccountDunningEndedV1.type: {
      const { accountId } = CustomerAccountDunningEndedV1.schema.parse(data);
      return setAccountStatus(tx, operatorId, accountId, 'active');
    }
    default:
      return;
  }
}

async function setTokenStatus(
  tx: QueryRunner,
  operatorId: string,
  tokenId: string,
  status: 'active' | 'blocked',
): Promise<void> {
  await tx.query(
    `UPDATE ingestion_tokens_v1 SET status = $3 WHERE operator_id = $1 AND token_id = $2`,
    [operatorId, tokenId, status],
  );
}

async function setAccountStatus(
  tx: QueryRunner,
  operatorId: string,
  accountId: string,
  status: 'active' | 'in_dunning',
): Promise<void> {
  await tx.query(
    `UPDATE ingestion_accounts_v1 SET status = $3 WHERE operator_id = $1 AND account_id = $2`,
    [operatorId, accountId, status],
  );
}
