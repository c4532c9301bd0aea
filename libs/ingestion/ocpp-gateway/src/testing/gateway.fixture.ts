/**
 * An OcppGateway as a test runs it: the suite's own RAW_GATEWAY on the shared nats-server,
 * a JetStream store publishing like ingestion's writer, a real HTTP server on an ephemeral
 * loopback port, in-memory stand-ins for the directory and token decisions, and the log
 * lines kept for assertions.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { streamSpecs, type Namespace } from '@chargeledger/contracts';
import { provisionTopology } from '@chargeledger/platform/messaging';
import { createLogger } from '@chargeledger/shared/observability';
import { startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { OcppGateway } from '../ocpp-gateway';
import type { OcppGatewayOptions } from '../ocpp-gateway.options';
import { JetStreamRawStore } from './jetstream-raw-store';
import { InMemoryStationDirectory, InMemoryTokenAuthorizer } from './in-memory-registry';

export const TEST_GATEWAY_OPTIONS: OcppGatewayOptions = {
  heartbeatIntervalSeconds: 300,
  callTimeoutMs: 5_000,
  maxMessageBytes: 65_536,
  pingIntervalMs: 30_000,
  maxConnections: 50,
  maxBadMessages: 10,
};

export interface GatewayFixture {
  readonly suite: IsolatedSuite;
  readonly nats: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly directory: InMemoryStationDirectory;
  readonly authorizer: InMemoryTokenAuthorizer;
  readonly logLines: Record<string, unknown>[];
  /** Starts a gateway storing into `namespace` (the suite's unless given). */
  startGateway(namespace?: Namespace): Promise<{ gateway: OcppGateway; url: string }>;
  provisionRawGateway(namespace: Namespace): Promise<void>;
  stop(): Promise<void>;
}

export async function startGatewayFixture(): Promise<GatewayFixture> {
  const suite = await startIsolatedSuite();
  const nats = await connect({ servers: suite.natsUrl, timeout: 5_000 });
  const jsm = await nats.jetstreamManager();
  const directory = new InMemoryStationDirectory();
  const authorizer = new InMemoryTokenAuthorizer({
    'TAG-OK': 'ACCEPTED',
    'TAG-BLOCKED': 'BLOCKED',
    'TAG-EXPIRED': 'EXPIRED',
  });
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger('ocpp-gateway-test', 'info', {
    write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const running: { gateway: OcppGateway; http: Server }[] = [];

  const provisionRawGateway = async (namespace: Namespace) => {
    const topology = { namespace, streams: [streamSpecs(namespace, 1).RAW_GATEWAY], consumers: [] };
    await provisionTopology(jsm, topology, () => undefined);
  };
  await provisionRawGateway(suite.namespace);

  return {
    suite,
    nats,
    jsm,
    directory,
    authorizer,
    logLines,
    provisionRawGateway,
    startGateway: async (namespace = suite.namespace) => {
      const writer = new JetStreamRawStore(nats.jetstream(), namespace, 2_000);
      const clock = () => new Date();
      const gateway = new OcppGateway(
        { writer, directory, authorizer, logger, clock },
        TEST_GATEWAY_OPTIONS,
      );
      const http = createServer((_request, response) => response.writeHead(404).end());
      gateway.attachTo(http);
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      running.push({ gateway, http });
      return { gateway, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}` };
    },
    stop: async () => {
      for (const { gateway, http } of running) {
        await gateway.close();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
      await nats.close();
      await suite.cleanup();
    },
  };
}
