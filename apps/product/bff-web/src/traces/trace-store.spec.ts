import type { StoredSpan } from './stored-span';
import { keptTraceAgeMs, TraceStore } from './trace-store';

function span(traceId: string, spanId: string, checkoutId?: string): StoredSpan {
  return {
    traceId, spanId, parentSpanId: null, name: spanId, service: 'catalog-svc', start: 0, end: 1,
    attributes: checkoutId ? { 'checkout.id': checkoutId } : {},
  };
}

describe('the trace store', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  it('finds a checkout\'s trace by the checkout id any of its spans names, spans in start order', () => {
    const store = new TraceStore({ maxTraces: 10, maxAgeMs: 60_000, maxSpansPerTrace: 10 }, clock);
    store.add([{ ...span('t1', 'b'), start: 5 }, { ...span('t1', 'a', 'c1'), start: 2 }]);
    expect(store.traceIdOf('c1')).toBe('t1');
    expect(store.trace('t1').map((s) => s.spanId)).toEqual(['a', 'b']);
    expect(store.traceIdOf('c2')).toBeUndefined();
  });

  it('keeps at most maxTraces, dropping the least recently updated and its checkout index', () => {
    const store = new TraceStore({ maxTraces: 2, maxAgeMs: 60_000, maxSpansPerTrace: 10 }, clock);
    store.add([span('t1', 'a', 'c1')]);
    store.add([span('t2', 'a', 'c2')]);
    store.add([span('t1', 'b')]); // t1 updated: t2 is now the oldest
    store.add([span('t3', 'a', 'c3')]);
    expect(store.size).toBe(2);
    expect(store.traceIdOf('c2')).toBeUndefined();
    expect(store.traceIdOf('c1')).toBe('t1');
    expect(store.traceIdOf('c3')).toBe('t3');
  });

  it('drops a trace with no new span for longer than maxAgeMs', () => {
    const store = new TraceStore({ maxTraces: 10, maxAgeMs: 5_000, maxSpansPerTrace: 10 }, clock);
    store.add([span('t1', 'a', 'c1')]);
    now += 4_000;
    store.add([span('t2', 'a', 'c2')]);
    now += 2_000;
    expect(store.trace('t1')).toEqual([]);
    expect(store.traceIdOf('c1')).toBeUndefined();
    expect(store.trace('t2')).toHaveLength(1);
  });

  it('caps the spans kept per trace', () => {
    const store = new TraceStore({ maxTraces: 10, maxAgeMs: 60_000, maxSpansPerTrace: 3 }, clock);
    store.add(['a', 'b', 'c', 'd', 'e'].map((id) => span('t1', id)));
    expect(store.trace('t1')).toHaveLength(3);
  });

  describe('under a checkout retention shorter than its own age limit', () => {
    it('forgets a trace once the retention has passed since its last span', () => {
      const store = new TraceStore({ maxTraces: 10, maxAgeMs: keptTraceAgeMs({ TRACES_MAX_AGE_MS: 900_000, CHECKOUT_RETENTION_SECONDS: 20 }), maxSpansPerTrace: 10 }, clock);
      store.add([span('t1', 'a', 'c1')]);
      now += 20_000;
      expect(store.traceIdOf('c1')).toBe('t1');
      now += 1;
      expect(store.trace('t1')).toEqual([]);
      expect(store.traceIdOf('c1')).toBeUndefined();
    });
  });
});
