import { consumerSpecsOf } from './consumers';
import { isolatedNamespace, PRODUCTION_NAMESPACE } from './namespace';
import { streamSpecs } from './streams';
import { Subjects } from './subjects';

const subjects = new Subjects(PRODUCTION_NAMESPACE);

describe('Subjects', () => {
  it('builds evt.<context>.<operator>.<aggregate>.<pNN>.<id>', () => {
    expect(
      subjects.event({ context: 'rating', operatorId: 'op-1', aggregate: 'tariff', id: 'foobar' }),
    ).toBe('evt.rating.op-1.tariff.p08.foobar');
  });

  it('never lets hostile ids add tokens or wildcards to a subject', () => {
    const subject = subjects.event({
      context: 'ingestion',
      operatorId: 'Op.*',
      aggregate: 'session',
      id: 'a > b.c',
    });
    expect(subject.split('.')).toHaveLength(6);
    expect(subject).not.toMatch(/[*> ]/);
    expect(subjects.gateway('ACME', 'CP.01 *', 'transaction-event').split('.')).toHaveLength(4);
    expect(subjects.command('acme', 'station>1').split('.')).toHaveLength(3);
  });

  it('builds live.<operator>.<session> outside every stream, hostile ids encoded', () => {
    const session = '0190a7c2-5b1e-7c3d-9f00-1234567890ab';
    expect(subjects.live('op-1', session)).toBe(`live.op-1.${session}`);
    expect(subjects.live('Op.*', 'a > b').split('.')).toHaveLength(3);
    expect(subjects.live('Op.*', 'a > b')).not.toMatch(/[*> ]/);
    expect(new Subjects(isolatedNamespace('ab12')).live('op-1', 'x')).toBe('tab12.live.op-1.x');
    const streamSubjects = Object.values(streamSpecs(PRODUCTION_NAMESPACE, 1)).flatMap(
      (s) => s.subjects,
    );
    expect(streamSubjects).not.toContainEqual(expect.stringMatching(/^live\.|^>$/));
  });

  it('filters by tenant, aggregate and partition', () => {
    expect(subjects.eventFilter('ingestion')).toBe('evt.ingestion.*.*.*.>');
    expect(
      subjects.eventFilter('ingestion', { operatorId: 'acme', aggregate: 'session', partition: 7 }),
    ).toBe('evt.ingestion.acme.session.p07.>');
    expect(subjects.gatewayFilter('acme', 'cp-1')).toBe('gw.acme.cp-1.>');
  });

  it('rejects malformed aggregate names and kinds', () => {
    expect(() => subjects.eventFilter('rating', { aggregate: 'Tariff' })).toThrow(RangeError);
    expect(() => subjects.gateway('a', 'b', 'x.y')).toThrow(RangeError);
    expect(() => subjects.deadLetter('rating>')).toThrow(RangeError);
  });

  it('prefixes an isolated namespace', () => {
    const ns = isolatedNamespace('ab12');
    expect(new Subjects(ns).deadLetter('rating-sessions-p01')).toBe(
      'tab12.dlq.rating-sessions-p01',
    );
    expect(() => isolatedNamespace('AB.1')).toThrow(RangeError);
  });
});

describe('stream and consumer specs', () => {
  it('declares every stream of the design, kept forever where it is the record', () => {
    const specs = streamSpecs(PRODUCTION_NAMESPACE, 3);
    expect(Object.keys(specs).sort()).toEqual([
      'CMD_STATIONS',
      'DLQ',
      'EVT_ANALYTICS',
      'EVT_INGESTION',
      'EVT_INVOICING',
      'EVT_PAYMENTS',
      'EVT_RATING',
      'EVT_REGISTRY',
      'RAW_GATEWAY',
    ]);
    expect(specs.EVT_RATING).toMatchObject({
      subjects: ['evt.rating.>'],
      maxAgeMs: 0,
      denyPurge: true,
      replicas: 3,
    });
    expect(specs.RAW_GATEWAY.subjects).toEqual(['gw.>']);
    expect(specs.CMD_STATIONS.subjects).toEqual(['cmd.>']);
    expect(specs.DLQ.subjects).toEqual(['dlq.>']);
    expect(() => streamSpecs(PRODUCTION_NAMESPACE, 0)).toThrow(RangeError);
  });

  it('isolates stream names and subjects per namespace', () => {
    const specs = streamSpecs(isolatedNamespace('x1'), 1);
    expect(specs.EVT_REGISTRY).toMatchObject({
      name: 'TX1_EVT_REGISTRY',
      subjects: ['tx1.evt.registry.>'],
    });
  });

  it('gives ordered consumers one durable per partition, with every option set', () => {
    const rating = consumerSpecsOf('rating', PRODUCTION_NAMESPACE);
    const sessions = rating.filter((c) => c.durable.startsWith('rating-sessions-'));
    expect(sessions).toHaveLength(16);
    expect(sessions[3]).toMatchObject({
      durable: 'rating-sessions-p03',
      stream: 'EVT_INGESTION',
      filterSubject: 'evt.ingestion.*.session.p03.>',
      partition: 3,
      ackPolicy: 'explicit',
    });
    expect(rating.filter((c) => c.partition === undefined).map((c) => c.durable)).toEqual([
      'rating-session-ratings',
      'rating-registry',
      'rating-tariffs',
      'rating-session-limits',
      'rating-loyalty-programmes',
      'rating-loyalty-credits',
      'rating-disputes',
    ]);
    expect(rating.find((c) => c.durable === 'rating-tariffs')).toMatchObject({
      stream: 'EVT_RATING',
      filterSubject: 'evt.rating.*.tariff.*.>',
    });
    expect(rating.find((c) => c.durable === 'rating-session-ratings')).toMatchObject({
      stream: 'EVT_INGESTION',
      filterSubject: 'evt.ingestion.*.session.*.>',
      maxDeliver: 150,
    });
    for (const spec of rating) {
      expect(Object.values(spec).every((v) => v !== undefined)).toBe(true);
      expect(spec.ackWaitMs).toBeGreaterThan(0);
      expect(spec.maxDeliver).toBeGreaterThan(0);
    }
    expect(consumerSpecsOf('ingestion', PRODUCTION_NAMESPACE).map((c) => c.durable)).toEqual([
      'ingestion-gateway',
      'ingestion-registry',
      'ingestion-station-commands',
    ]);
    expect(
      consumerSpecsOf('ingestion', PRODUCTION_NAMESPACE).find(
        (c) => c.durable === 'ingestion-station-commands',
      ),
    ).toMatchObject({ stream: 'CMD_STATIONS', filterSubject: 'cmd.>', ackPolicy: 'explicit' });
    expect(consumerSpecsOf('registry', PRODUCTION_NAMESPACE)).toEqual([
      expect.objectContaining({
        durable: 'registry-state',
        stream: 'EVT_REGISTRY',
        filterSubject: 'evt.registry.*.*.*.>',
        maxAckPending: 1,
      }),
      expect.objectContaining({
        durable: 'registry-loyalty-accruals',
        stream: 'EVT_RATING',
        filterSubject: 'evt.rating.*.loyalty-points.*.>',
      }),
    ]);
  });
});
