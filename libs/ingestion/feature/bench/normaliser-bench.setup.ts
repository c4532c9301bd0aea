/**
 * The normaliser benchmark's private topology and input: ingestion's own stream and
 * consumer specs in a bench namespace, reset between runs (a fresh EVT_INGESTION and
 * fresh durables), and the input published once before timing: the registry facts the
 * traffic is judged against, then the gateways' traffic through the RawGatewayWriter.
 */
import type { JetStreamClient, JetStreamManager } from 'nats';
import { v5 as uuidv5 } from 'uuid';
import {
  consumerSpecsOf,
  createEnvelope,
  CustomerAccountOpenedV1,
  isolatedNamespace,
  StationRegisteredV1,
  streamSpecs,
  Subjects,
  TokenIssuedV1,
  tokenRefOf,
  type ConsumerSpec,
  type EventDefinition,
} from '@chargeledger/contracts';
import { provisionTopology } from '@chargeledger/platform/messaging';
import { DEFAULT_APPENDER_OPTIONS, EventAppender } from '@chargeledger/platform/eventstore';
import { INGESTION_GATEWAY_CONSUMER } from '../src/normalise/gateway-normaliser';
import { RawGatewayWriter } from '../src/raw/raw-gateway.writer';
import { INGESTION_REGISTRY_CONSUMER } from '../src/registry-view/registry-view.projection';
import {
  benchFleet,
  benchTokens,
  gatewayTraffic,
  type BenchStation,
  type BenchToken,
} from './gateway-traffic.generator';

export const RELAY_DURABLE = 'bench-relay';
const BENCH_REGISTRY_NS = '9a4c2e71-5b3d-4f60-8e1a-7c2b9d0e4f13';
export const namespace = isolatedNamespace('gwbench');
export const subjects = new Subjects(namespace);
export const specs = streamSpecs(namespace, 1);
const consumerSpecs = consumerSpecsOf('ingestion', namespace);

export function specOf(durable: string): ConsumerSpec {
  const spec = consumerSpecs.find((c) => c.durable === durable);
  if (spec === undefined) throw new Error(`${durable} is not in ingestion's topology`);
  return spec;
}

/** A fresh EVT_INGESTION and fresh durables with the service's specs. */
export async function resetTopology(jsm: JetStreamManager): Promise<void> {
  const ingestion = specs.EVT_INGESTION.name;
  const streams = await jsm.streams.names().next();
  if (streams.includes(ingestion)) await jsm.streams.delete(ingestion);
  for (const spec of consumers()) {
    const stream = `${namespace.streamPrefix}${spec.stream}`;
    if (!streams.includes(stream)) continue;
    const present = (await jsm.consumers.list(stream).next()).map((c) => c.name);
    if (present.includes(spec.durable)) await jsm.consumers.delete(stream, spec.durable);
  }
  await provisionTopology(
    jsm,
    { namespace, streams: Object.values(specs), consumers: consumers() },
    () => undefined,
  );
}

function consumers(): ConsumerSpec[] {
  const gateway = specOf(INGESTION_GATEWAY_CONSUMER);
  return [gateway, specOf(INGESTION_REGISTRY_CONSUMER), { ...gateway, durable: RELAY_DURABLE }];
}

/** The registry facts ingestion judges the traffic against: stations, accounts, cards. */
function registryEvents(fleet: readonly BenchStation[], tokens: readonly BenchToken[]) {
  const envelope = <TType extends string, TData>(
    definition: EventDefinition<TType, TData>,
    operatorId: string,
    aggregate: string,
    aggregateId: string,
    data: TData,
  ) => {
    const subject = subjects.event({ context: 'registry', operatorId, aggregate, id: aggregateId });
    const id = uuidv5(subject, BENCH_REGISTRY_NS);
    const time = new Date().toISOString();
    return createEnvelope(definition, { id, subject, operatorId, time, data, correlationId: id });
  };
  const accounts = new Map(tokens.map((t) => [t.accountId, t.operatorId]));
  return [
    ...fleet.map((s) =>
      envelope(StationRegisteredV1, s.operatorId, 'station', s.stationId, s.registered),
    ),
    ...[...accounts].map(([accountId, operatorId]) =>
      envelope(CustomerAccountOpenedV1, operatorId, 'customer-account', accountId, {
        accountId,
        kind: 'fleet',
        billingMode: 'monthly_statement',
        currency: 'EUR',
      }),
    ),
    ...tokens.map(({ operatorId, uid, accountId }) => {
      const tokenId = tokenRefOf(operatorId, uid);
      return envelope(TokenIssuedV1, operatorId, 'token', tokenId, {
        tokenId,
        uid,
        type: 'RFID',
        accountId,
        driverId: null,
        expiresAt: null,
      });
    }),
  ];
}

export interface Input {
  readonly registryEvents: number;
  readonly sessionsStarted: number;
  readonly sessionsEnded: number;
  /** What the normaliser yields at least: one fact a message, two for Started and Ended. */
  readonly factsMin: number;
}

export async function publishInput(
  js: JetStreamClient,
  stationCount: number,
  messageCount: number,
): Promise<Input> {
  const fleet = benchFleet(stationCount);
  const registry = registryEvents(fleet, benchTokens());
  await new EventAppender(js, DEFAULT_APPENDER_OPTIONS).append(registry);
  const traffic = gatewayTraffic(fleet, messageCount, Date.now());
  const all = traffic.flat();
  if (all.length !== messageCount)
    throw new Error(`generated ${all.length} of ${messageCount} messages`);
  const writer = new RawGatewayWriter(js, namespace);
  // each station's gateway sends its messages in order, the stations side by side
  await Promise.all(
    traffic.map(async (messages) => {
      for (const message of messages) {
        const stored = await writer.store({ ...message, body: Buffer.from(message.body) });
        if (stored.duplicate) throw new Error(`message ${message.messageId} stored twice`);
      }
    }),
  );
  const count = (type: string): number =>
    all.filter((m) => m.body.startsWith(`{"eventType":"${type}"`)).length;
  return {
    registryEvents: registry.length,
    sessionsStarted: count('Started'),
    sessionsEnded: count('Ended'),
    factsMin: all.reduce((sum, message) => sum + message.facts, 0),
  };
}
