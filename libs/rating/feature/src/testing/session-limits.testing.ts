/**
 * What the limits tests play and read on top of the rating fixture: an operator with a
 * station, its tariff and the token every built session starts with (held by an account
 * and a driver), session-limits settings recorded at a chosen envelope time, and the
 * stop requests, RemoteStop commands and hold amounts (or refusals) rating published.
 */
import {
  canonicalId,
  SessionHoldAmountEstimatedV1,
  SessionHoldAmountRefusedV1,
  SessionLimitsSetV1,
  SessionStopRequestedV1,
  stationCommandV1,
  TokenIssuedV1,
  type EventData,
  type EventEnvelope,
  type LimitScope,
  type SessionLimitValues,
  type StationCommand,
} from '@chargeledger/contracts';
import { streamContents } from '@chargeledger/testing';
import type { RatingFixture } from './rating.fixture';
import { TOKEN_REF } from './session-events.builder';

export const REGISTERED_AT = '2025-01-01T00:00:00.000Z';
export const ACCOUNT_ID = '5b0e8a1c-2f3d-4c5b-9a6e-7d8f9a0b1c2d';
export const DRIVER_ID = '6c1f9b2d-3a4e-4d6c-8b7f-8e9a0b1c2d3e';

/** FLAT 0.50, ENERGY 0.30/kWh per Wh, TIME 1.20/h per minute, all with 20% VAT. */
export const PRICE_COMPONENTS = [
  { type: 'FLAT', price: '0.50', vat: 20, step_size: 0 },
  { type: 'ENERGY', price: '0.30', vat: 20, step_size: 1 },
  { type: 'TIME', price: '1.20', vat: 20, step_size: 60 },
];

/** Station `stationId` with tariff `T-<stationId>` (PRICE_COMPONENTS), and the token's holder. */
export async function operatorWithStation(
  rating: RatingFixture,
  operatorId: string,
  stationId: string,
): Promise<void> {
  await rating.stationWithTariff(operatorId, stationId, REGISTERED_AT, PRICE_COMPONENTS);
  await rating.publish(
    TokenIssuedV1,
    { operatorId, aggregateId: TOKEN_REF, time: REGISTERED_AT },
    {
      tokenId: TOKEN_REF,
      uid: 'AABBCCDD',
      type: 'RFID',
      accountId: ACCOUNT_ID,
      driverId: DRIVER_ID,
      expiresAt: null,
    },
  );
}

/** Records a setting as the API would, at envelope time `time`. */
export async function setLimits(
  rating: RatingFixture,
  operatorId: string,
  scope: LimitScope,
  scopeId: string,
  limits: SessionLimitValues,
  time: string,
): Promise<void> {
  await rating.publish(
    SessionLimitsSetV1,
    { operatorId, aggregateId: `${scope}:${canonicalId(scopeId)}`, time },
    { scope, scopeId, limits },
  );
}

export async function stopRequests(
  rating: RatingFixture,
  operatorId: string,
): Promise<(EventEnvelope & { data: EventData<typeof SessionStopRequestedV1> })[]> {
  const events = await rating.streamEvents(
    'EVT_RATING',
    (e) => e.type === SessionStopRequestedV1.type && e.operatorid === operatorId,
  );
  return events.map((e) => ({ ...e, data: SessionStopRequestedV1.schema.parse(e.data) }));
}

export async function holdAmounts(
  rating: RatingFixture,
  operatorId: string,
): Promise<EventData<typeof SessionHoldAmountEstimatedV1>[]> {
  const events = await rating.streamEvents(
    'EVT_RATING',
    (e) => e.type === SessionHoldAmountEstimatedV1.type && e.operatorid === operatorId,
  );
  return events.map((e) => SessionHoldAmountEstimatedV1.schema.parse(e.data));
}

export async function holdRefusals(
  rating: RatingFixture,
  operatorId: string,
): Promise<EventData<typeof SessionHoldAmountRefusedV1>[]> {
  const events = await rating.streamEvents(
    'EVT_RATING',
    (e) => e.type === SessionHoldAmountRefusedV1.type && e.operatorid === operatorId,
  );
  return events.map((e) => SessionHoldAmountRefusedV1.schema.parse(e.data));
}

/** Every command on CMD_STATIONS for the operator, with its Nats-Msg-Id. */
export async function stationCommands(
  rating: RatingFixture,
  operatorId: string,
): Promise<{ msgId: string | undefined; command: StationCommand }[]> {
  const jsm = await rating.connection.jetstreamManager();
  const stored = await streamContents(jsm, `${rating.suite.namespace.streamPrefix}CMD_STATIONS`);
  return stored
    .map((message) => ({
      msgId: message.header.get('Nats-Msg-Id') || undefined,
      command: stationCommandV1.parse(message.json()),
    }))
    .filter((c) => c.command.operatorId === operatorId);
}

/** Waits until the session-rating reactor recorded every one of `events` as processed. */
