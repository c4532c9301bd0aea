/**
 * The JetStream transport in a real Nest microservice: an `@EventPattern` reactor tagged
 * with JETSTREAM_TRANSPORT runs on the partition durables this replica owns, its derived
 * event is published once, other partitions are left to the other replica, a handler
 * tagged for another transport is not bound, and `close()` stops consuming.
 */
import {
  Controller,
  Inject,
  Module,
  type DynamicModule,
  type INestMicroservice,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload, Transport } from '@nestjs/microservices';
import {
  consumerSpecsOf,
  derivedEventId,
  partitionOf,
  partitionToken,
  SessionEndedV1,
  SessionStartedV1,
  type EventEnvelope,
  type Namespace,
} from '@chargeledger/contracts';
import { provisionTopology } from '@chargeledger/platform/messaging';
import { aChargingSession, type IsolatedSuite } from '@chargeledger/testing';
import { partitionOfSubject } from '../consume/consumed-event';
import { durablesToRun, partitionAssignmentFromEnv } from '../consume/partition-assignment';
import {
  noticeOf,
  SessionNoticedV1,
  startReactorFixture,
  type ReactorParts,
} from '../testing/reactor.fixture';
import {
  JETSTREAM_TRANSPORT,
  JetStreamEventContext,
  JetStreamTransport,
} from './jetstream.transport';

const NAMESPACE = Symbol('NAMESPACE');

@Controller()
class NoticeReactor {
  readonly seen: string[] = [];
  constructor(@Inject(NAMESPACE) private readonly namespace: Namespace) {}

  @EventPattern(SessionStartedV1.type, JETSTREAM_TRANSPORT)
  notice(
    @Payload() envelope: EventEnvelope,
    @Ctx() context: JetStreamEventContext,
  ): EventEnvelope[] {
    this.seen.push(`${context.event.subject} ${envelope.id}`);
    return noticeOf(envelope, this.namespace);
  }

  @EventPattern(SessionEndedV1.type, Transport.TCP)
  notForJetStream(): never {
    throw new Error('bound to the wrong transport');
  }
}

@Module({})
class NoticeModule {
  static register(namespace: Namespace): DynamicModule {
    return {
      module: NoticeModule,
      controllers: [NoticeReactor],
      providers: [{ provide: NAMESPACE, useValue: namespace }],
    };
  }
}

let suite: IsolatedSuite;
let parts: ReactorParts;
let app: INestMicroservice | undefined;
let transport: JetStreamTransport;
const runnerEvents: string[] = [];

beforeAll(async () => {
  const label = 'rating-sessions';
  ({ suite, parts } = await startReactorFixture({
    duplicateWindowMs: 120_000,
    ackWaitMs: 1_000,
    maxDeliver: 3,
  }));
  const sessionDurables = consumerSpecsOf('rating', suite.namespace).filter((spec) =>
    spec.durable.startsWith(label),
  );
  await provisionTopology(
    await parts.connection.jetstreamManager(),
    { namespace: suite.namespace, streams: [], consumers: sessionDurables },
    () => undefined,
  );
  // This process is replica 0 of 2: it owns the even partitions.
  const assignment = partitionAssignmentFromEnv({ REPLICA_INDEX: '0', REPLICA_COUNT: '2' });
  transport = new JetStreamTransport({
    namespace: suite.namespace,
    consumers: durablesToRun(sessionDurables, assignment),
    settings: {
      batchSizeMax: 50,
      fetchExpiresMs: 1_000,
      nakDelayMs: 100,
      errorBackoffMaxMs: 1_000,
    },
    dependencies: () => parts.dependencies,
  });
  transport.on('event', (name) => runnerEvents.push(name));
  // Nest declares its options bag as a class but only ever reads it as a plain object.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  app = await NestFactory.createMicroservice(NoticeModule.register(suite.namespace), {
    strategy: transport,
    logger: false,
  });
  await app.listen();
});
afterAll(async () => {
  await app?.close();
  await parts.close();
  await suite.cleanup();
});

/** Sessions whose partition is even (owned here) or odd (owned by replica 1). */
function sessionsIn(parity: 0 | 1, count: number, prefix: string): EventEnvelope[][] {
  const found: EventEnvelope[][] = [];
  for (let i = 0; found.length < count; i++) {
    const session = aChargingSession().withTransaction(`${prefix}-${i}`);
    if (partitionOf(session.sessionId) % 2 !== parity) continue;
    found.push(session.withReading(5, '1500').endingAfter(10, '2000').events(parts.namespace));
  }
  return found;
}

async function until(done: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

function noticeId(session: EventEnvelope[]): string {
  return derivedEventId(session[0]?.id ?? 'missing', SessionNoticedV1.type, 0);
}

async function pendingOf(session: EventEnvelope[]): Promise<{ pending: number; unacked: number }> {
  const partition = partitionOfSubject(session[0]?.subject ?? '');
  const durable = `rating-sessions-${partitionToken(partition)}`;
  const info = await (
    await parts.connection.jetstreamManager()
  ).consumers.info(`${suite.namespace.streamPrefix}EVT_INGESTION`, durable);
  return { pending: info.num_pending, unacked: info.num_ack_pending };
}

it('binds only the handlers tagged with its transport id', () => {
  expect([...transport.getHandlers().keys()]).toEqual([SessionStartedV1.type]);
  expect(transport.unwrap<unknown[]>()).toHaveLength(8);
});

it('reacts once per SessionStarted in owned partitions and leaves the others alone', async () => {
  const owned = sessionsIn(0, 2, 'tx-owned');
  const [foreign] = sessionsIn(1, 1, 'tx-foreign');
  if (foreign === undefined) throw new Error('no foreign session');
  await parts.dependencies.appender.append([...owned.flat(), ...foreign]);

  await until(async () => (await parts.outputIds()).length >= 2);
  await new Promise((r) => setTimeout(r, 1_500));
  expect((await parts.outputIds()).sort()).toEqual(owned.map(noticeId).sort());
  expect(app?.get(NoticeReactor).seen).toHaveLength(2);
  expect(await pendingOf(foreign)).toEqual({ pending: 3, unacked: 0 });
  for (const session of owned) expect(await pendingOf(session)).toEqual({ pending: 0, unacked: 0 });
  expect(runnerEvents).toEqual([]);
});

it('stops consuming on close()', async () => {
  await app?.close();
  const [late] = sessionsIn(0, 1, 'tx-late');
  if (late === undefined) throw new Error('no late session');
  const before = await parts.outputIds();
  await parts.dependencies.appender.append(late);
  await new Promise((r) => setTimeout(r, 2_000));
  expect(await parts.outputIds()).toEqual(before);
  expect(await pendingOf(late)).toEqual({ pending: 3, unacked: 0 });
  expect(() => transport.unwrap()).toThrow(/not listening/);
});
