import { trace } from '@opentelemetry/api';
import {
  carriedTraceContexts,
  currentTraceparent,
  extractFromRecord,
  inConsumerSpan,
  installTracing,
  runInTraceContext,
} from './tracing';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

beforeAll(() => installTracing({ app: 'test', enabled: false, endpoint: 'http://127.0.0.1:4318' }));

describe('trace context without the SDK', () => {
  it('keeps an inbound traceparent as the active one', () => {
    expect(
      runInTraceContext(extractFromRecord({ traceparent: TRACEPARENT }), currentTraceparent),
    ).toBe(TRACEPARENT);
  });

  it('mints a fresh trace when none or a malformed one arrives', () => {
    const minted = runInTraceContext(
      extractFromRecord({ traceparent: 'garbage' }),
      currentTraceparent,
    );
    expect(minted).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    expect(minted).not.toContain('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it("continues a single message's trace inside a consumer span", async () => {
    const inside = await inConsumerSpan(
      'consume',
      [extractFromRecord({ traceparent: TRACEPARENT })],
      () => Promise.resolve(currentTraceparent()),
    );
    expect(inside).toBe(TRACEPARENT);
  });

  it('reads the traces carriers bring and skips those without one', () => {
    const carried = carriedTraceContexts(['bad', TRACEPARENT, ''], {
      keys: () => ['traceparent'],
      get: (carrier, key) => (key === 'traceparent' ? carrier : undefined),
    });
    expect(carried.map((c) => trace.getSpanContext(c)?.traceId)).toEqual([
      '4bf92f3577b34da6a3ce929d0e0e4736',
    ]);
  });

  it('ends the span and rethrows when the work fails', async () => {
    await expect(
      inConsumerSpan('consume', [], () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
  });
});
