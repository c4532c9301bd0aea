import { consumerSpecsOf, isolatedNamespace, PRODUCTION_NAMESPACE } from '@chargeledger/contracts';
import { liveSourceOf, UnknownProjectionError } from './live-source';

describe('the live source of a projection rebuild', () => {
  const specs = consumerSpecsOf('rating', PRODUCTION_NAMESPACE);

  it('is the durable of a projection run on one durable', () => {
    expect(liveSourceOf(specs, 'rating-registry', PRODUCTION_NAMESPACE)).toEqual({
      durables: ['rating-registry'],
      source: { stream: 'EVT_REGISTRY', filterSubject: 'evt.registry.*.*.*.>' },
    });
  });

  it('is every durable of a partitioned family, read through one filter', () => {
    const live = liveSourceOf(specs, 'rating-sessions', PRODUCTION_NAMESPACE);
    expect(live.durables).toEqual(
      Array.from({ length: 16 }, (_, p) => `rating-sessions-p${String(p).padStart(2, '0')}`),
    );
    expect(live.source).toEqual({
      stream: 'EVT_INGESTION',
      filterSubject: 'evt.ingestion.*.session.*.>',
    });
  });

  it('keeps a namespace prefix on stream and subjects', () => {
    const namespace = isolatedNamespace('rebuild1');
    const live = liveSourceOf(consumerSpecsOf('rating', namespace), 'rating-sessions', namespace);
    expect(live.source.stream).toBe(`${namespace.streamPrefix}EVT_INGESTION`);
    expect(live.source.filterSubject).toBe(`${namespace.subjectPrefix}evt.ingestion.*.session.*.>`);
  });

  it('names the consumers there are when asked for one that is not', () => {
    expect(() => liveSourceOf(specs, 'rating-nothing', PRODUCTION_NAMESPACE)).toThrow(
      UnknownProjectionError,
    );
    expect(() => liveSourceOf(specs, 'rating-nothing', PRODUCTION_NAMESPACE)).toThrow(
      /rating-sessions, .*rating-registry|rating-registry, .*rating-sessions/,
    );
  });
});
