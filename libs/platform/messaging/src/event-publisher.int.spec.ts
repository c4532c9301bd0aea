/**
 * Publishing against a real nats-server: the trace context of the work that published an
 * event is in its envelope and its NATS headers and comes back out on consume; the event
 * id is the Nats-Msg-Id so a retry is deduped; topology provisioning is idempotent.
 */
import { trace } from '@opentelemetry/api';
import { AckPolicy, connect, type JetStreamManager, type NatsConnection } from 'nats';
import { eventCatalog, PRODUCTION_NAMESPACE, streamSpecs } from '@chargeledger/contracts';
import {
  currentTraceparent,
  extractFromRecord,
  extractTraceContext,
  installTracing,
  runInTraceContext,
} from '@chargeledger/shared/observability';
import { aChargingSession, startIsolatedSuite, type IsolatedSuite } from '@chargeledger/testing';
import { publishEnvelope } from './event-publisher';
import { provisionTopology } from './topology-provisioner';
import { natsHeaderGetter } from './trace-headers';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
let suite: IsolatedSuite;
let connection: NatsConnection;
let jsm: JetStreamManager;
const provisionLog: string[] = [];

beforeAll(async () => {
  installTracing({ app: 'test', enabled: false, endpoint: 'http://127.0.0.1:4318' });
  suite = await startIsolatedSuite();
  connection = await connect({ servers: suite.natsUrl });
  jsm = await connection.jetstreamManager();
  const topology = {
    namespace: suite.namespace,
    streams: [streamSpecs(suite.namespace, 1).EVT_INGESTION],
    consumers: [],
  };
  await provisionTopology(jsm, topology, (event) => provisionLog.push(event));
  await provisionTopology(jsm, topology, (event) => provisionLog.push(event));
});

afterAll(async () => {
  await connection.close();
  await suite.cleanup();
});

it('creates a stream once and finds nothing to change the second time', () => {
  expect(provisionLog).toEqual(['stream created']);
});

it('carries traceparent from the publishing context into envelope and headers, and back out on consume', async () => {
  const [started] = aChargingSession().events(suite.namespace);
  if (started === undefined) throw new Error('no event built');
  const inbound = extractFromRecord({ traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` });
  await runInTraceContext(inbound, async () => {
    const traceparent = currentTraceparent();
    if (traceparent === undefined) throw new Error('no trace context inside the request');
    await publishEnvelope(
      connection.jetstream(),
      { ...started, traceparent },
      { timeoutMs: 5_000 },
    );
  });

  const stream = `${suite.namespace.streamPrefix}EVT_INGESTION`;
  await jsm.consumers.add(stream, { durable_name: 'trace-probe', ack_policy: AckPolicy.Explicit });
  const consumer = await connection.jetstream().consumers.get(stream, 'trace-probe');
  const message = await consumer.next({ expires: 5_000 });
  if (message === null) throw new Error('no message consumed');
  message.ack();

  const decoded = eventCatalog.decode(message.data);
  expect(decoded.traceparent).toBe(`00-${TRACE_ID}-00f067aa0ba902b7-01`);
  expect(message.headers?.get('traceparent')).toContain(TRACE_ID);
  expect(message.headers?.get('Nats-Msg-Id')).toBe(started.id);
  const consumed = extractTraceContext(message.headers, natsHeaderGetter);
  expect(trace.getSpanContext(consumed)?.traceId).toBe(TRACE_ID);
});

it('dedupes a republished event id inside the duplicate window', async () => {
  const [started] = aChargingSession().withTransaction('tx-dup').events(suite.namespace);
  if (started === undefined) throw new Error('no event built');
  const js = connection.jetstream();
  const first = await publishEnvelope(js, started, { timeoutMs: 5_000 });
  const again = await publishEnvelope(js, started, { timeoutMs: 5_000 });
  expect(first.duplicate).toBe(false);
  expect(again).toMatchObject({ duplicate: true, seq: first.seq });
  expect(started.subject.startsWith(suite.namespace.subjectPrefix)).toBe(true);
  expect(suite.namespace).not.toEqual(PRODUCTION_NAMESPACE);
});
