import { LatencyRecorder } from './latency-recorder';

describe('latency percentiles', () => {
  it('reports the nearest-rank percentiles of what was recorded', () => {
    const recorder = new LatencyRecorder();
    for (let ms = 100; ms >= 1; ms--) recorder.record(ms);
    expect(recorder.percentiles()).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('reports nothing rather than zero when nothing was recorded', () => {
    expect(new LatencyRecorder().percentiles()).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });

  it('puts a single slow sample at p99 of a small set', () => {
    const recorder = new LatencyRecorder();
    for (let i = 0; i < 9; i++) recorder.record(10);
    recorder.record(900);
    expect(recorder.percentiles()).toMatchObject({ p50: 10, p95: 900, p99: 900 });
  });
});
