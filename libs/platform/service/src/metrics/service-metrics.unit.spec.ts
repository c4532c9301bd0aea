import { ServiceMetrics } from './service-metrics';

describe('service metrics', () => {
  it('renders every counter in the Prometheus text format', () => {
    const metrics = new ServiceMetrics();
    const duplicates = metrics.counter('x_duplicates_total', 'Messages that changed nothing.');
    metrics.counter('x_refused_total', 'Messages refused.');
    duplicates.add(2);
    duplicates.add(0);
    expect(metrics.render()).toBe(
      [
        '# HELP x_duplicates_total Messages that changed nothing.',
        '# TYPE x_duplicates_total counter',
        'x_duplicates_total 2',
        '# HELP x_refused_total Messages refused.',
        '# TYPE x_refused_total counter',
        'x_refused_total 0',
        '',
      ].join('\n'),
    );
  });

  it('refuses bad names, a second registration and counting down', () => {
    const metrics = new ServiceMetrics();
    expect(() => metrics.counter('Bad-Name', 'h')).toThrow(RangeError);
    const counter = metrics.counter('ok_total', 'h');
    expect(() => metrics.counter('ok_total', 'h')).toThrow(/twice/);
    expect(() => counter.add(-1)).toThrow(RangeError);
    expect(() => counter.add(0.5)).toThrow(RangeError);
  });
});
