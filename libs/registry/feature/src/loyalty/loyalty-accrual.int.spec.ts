/**
 * Points rating accrued for a member's session reach the member's balance exactly once, on
 * real NATS and Postgres: the accrual becomes one LoyaltyPointsEarned (reason
 * CHARGING_SESSION, id derived from the accrual), and a copy of the accrual delivered
 * after JetStream's duplicate window, after a crash that lost the reactor's record of
 * it, changes nothing. Points redeemed for a bill credit leave the balance as
 * LoyaltyPointsRedeemedForCredit, never more than it holds.
 */
import { nanos } from 'nats';
import { z } from 'zod';
import {
  createEnvelope,
  derivedEventId,
  LoyaltyPointsAccruedV1,
  LoyaltyPointsEarnedV1,
  LoyaltyPointsRedeemedForCreditV1,
  type EventEnvelope,
} from '@chargeledger/contracts';
import { startRegistry, type RegistryFixture } from '../testing/registry.fixture';
import { REGISTRY_LOYALTY_ACCRUALS_CONSUMER } from './loyalty-accrual.reactor';

let registry: RegistryFixture;
const acme = '/v1/operators/acme';
const SESSION = '6a1f1e0e-9d7b-4a53-8f0e-2b7c1d9e4a10';

beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(() => registry.cleanup());

async function member(): Promise<string> {
  const driverId = await registry.registerDriver('acme', {
    name: 'Lou Loyal',
    email: 'lou@example.test',
  });
  const joined = await registry.call('POST', `${acme}/loyalty-memberships`, {
    driverId,
    tier: 'GOLD',
  });
  expect(joined.status).toBe(201);
  return driverId;
}

async function publish(envelope: EventEnvelope, msgId: string): Promise<void> {
  await registry.connection
    .jetstream()
    .publish(envelope.subject, JSON.stringify(envelope), { msgID: msgId });
}

async function processedCount(eventId: string): Promise<number> {
  const [row] = z
    .array(z.object({ n: z.coerce.number() }))
    .parse(
      await registry.query(
        'SELECT count(*) AS n FROM processed_events WHERE consumer = $1 AND event_id = $2',
        [REGISTRY_LOYALTY_ACCRUALS_CONSUMER, eventId],
      ),
    );
  return row?.n ?? 0;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('credits an accrual once, even redelivered past the duplicate window after a crash', async () => {
  const driverId = await member();
  const accrual = createEnvelope(LoyaltyPointsAccruedV1, {
    id: '0190c3d2-7b1a-7c4e-9f00-0000000acc01',
    subject: registry.subjects.event({
      context: 'rating',
      operatorId: 'acme',
      aggregate: 'loyalty-points',
      id: driverId,
    }),
    operatorId: 'acme',
    time: '2026-03-02T09:00:00.000Z',
    data: { driverId, sessionId: SESSION, tier: 'GOLD', points: 16 },
    correlationId: SESSION,
  });
  await publish(accrual, accrual.id);
  const isEarned = (e: EventEnvelope) => e.type === LoyaltyPointsEarnedV1.type;
  const [earned] = await registry.waitForStreamEvents('EVT_REGISTRY', 1, isEarned);
  expect(earned).toMatchObject({
    id: derivedEventId(accrual.id, LoyaltyPointsEarnedV1.type, 0),
    data: { driverId, points: 16, reason: 'CHARGING_SESSION' },
  });
  const balance = async () =>
    z
      .object({ pointsBalance: z.int() })
      .parse((await registry.call('GET', `${acme}/loyalty-memberships/${driverId}`)).body)
      .pointsBalance;
  await until(async () => (await balance()) === 16, 'the balance to rise');
  await until(async () => (await processedCount(accrual.id)) === 1, 'the accrual to be recorded');

  // A crash after the credit, before the reactor recorded the accrual; then a copy past
  // the duplicate window (shortened to 1 s for this suite's registry stream), so neither
  // the accrual's copy nor a second LoyaltyPointsEarned with the same id is deduped.
  const jsm = await registry.connection.jetstreamManager();
  const stream = `${registry.suite.namespace.streamPrefix}EVT_REGISTRY`;
  const { config } = await jsm.streams.info(stream);
  await jsm.streams.update(stream, { ...config, duplicate_window: nanos(1_000) });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await registry.query('DELETE FROM processed_events WHERE consumer = $1 AND event_id = $2', [
    REGISTRY_LOYALTY_ACCRUALS_CONSUMER,
    accrual.id,
  ]);
  await publish(accrual, `${accrual.id}-again`);
  await until(async () => (await processedCount(accrual.id)) === 1, 'the copy to be handled');
  expect(await registry.streamEvents('EVT_REGISTRY', isEarned)).toHaveLength(1);
  expect(await balance()).toBe(16);
}, 60_000);

it('redeems points for a bill credit, never more than the balance', async () => {
  const driverId = await member();
  const path = `${acme}/loyalty-memberships/${driverId}`;
  expect(
    (await registry.call('POST', `${path}/points/earn`, { points: 40, reason: 'PROMOTION' }))
      .status,
  ).toBe(200);
  const redeemed = await registry.call('POST', `${path}/points/redeem-for-credit`, { points: 30 });
  expect(redeemed).toMatchObject({ status: 200, body: { pointsBalance: 10 } });
  const tooMany = await registry.call('POST', `${path}/points/redeem-for-credit`, { points: 11 });
  expect(tooMany).toMatchObject({
    status: 409,
    body: { code: 'REGISTRY.LOYALTY_INSUFFICIENT_POINTS' },
  });
  const events = await registry.streamEvents(
    'EVT_REGISTRY',
    (e) => e.type === LoyaltyPointsRedeemedForCreditV1.type,
  );
  expect(events.map((e) => e.data)).toEqual([{ driverId, points: 30 }]);
});
